package io.kpipulse.simulator.sink;

import io.kpipulse.simulator.ProducedRecord;

/** Where produced records go: Kafka, or memory for tests. Records arrive in production order. */
public interface RecordSink extends AutoCloseable {

    void send(ProducedRecord record);

    /** Waits until every record sent so far is stored; fails if any could not be. */
    void flush();

    @Override
    void close();
}
