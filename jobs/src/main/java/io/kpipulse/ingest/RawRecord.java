package io.kpipulse.ingest;

import java.io.Serializable;

/**
 * A Kafka record exactly as received: the original bytes travel with it so that a dead letter or an
 * archived event always holds what the business system sent.
 *
 * @param key   the record key as text ({@code tenant|subject}); empty when the record had none
 * @param time  the event time read from the Avro header when it is readable, else the Kafka timestamp
 * @param receivedAt the Kafka record timestamp: when the source system sent it (or the broker appended it)
 */
public record RawRecord(String topic, int partition, long offset, String key, byte[] value, long time, long receivedAt)
        implements Serializable {

    /** Where the record came from: unique, and stable across replays. */
    public String position() {
        return topic + '/' + partition + '/' + offset;
    }
}
