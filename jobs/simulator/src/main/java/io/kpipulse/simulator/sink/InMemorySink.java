package io.kpipulse.simulator.sink;

import io.kpipulse.simulator.ProducedRecord;
import java.util.ArrayList;
import java.util.List;

/** Keeps every record, in order: the reference the Kafka round trip is compared with. */
public final class InMemorySink implements RecordSink {

    private final List<ProducedRecord> records = new ArrayList<>();

    @Override
    public void send(ProducedRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    public List<ProducedRecord> records() {
        return List.copyOf(records);
    }
}
