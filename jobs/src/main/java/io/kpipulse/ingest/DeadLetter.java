package io.kpipulse.ingest;

import java.io.Serializable;

/**
 * A rejected record with its reason and the original bytes. Identified by its Kafka position, so a replay
 * rewrites the same row (dead_letters is keyed by topic, partition, offset).
 */
public record DeadLetter(
        String topic,
        int partition,
        long offset,
        String tenantId,
        RejectionReason reason,
        String detail,
        String eventType,
        String eventId,
        byte[] originalBytes,
        String recordKey,
        long detectedAtMillis)
        implements Serializable {

    public static DeadLetter of(
            RawRecord record,
            RejectionReason reason,
            String detail,
            String tenantId,
            String eventType,
            String eventId,
            long now) {
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                tenantId == null ? "" : tenantId,
                reason,
                detail,
                eventType == null ? "" : eventType,
                eventId == null ? "" : eventId,
                record.value(),
                record.key(),
                now);
    }
}
