package io.kpipulse.ingest;

import java.io.Serializable;

/** An accepted event as stored in {@code raw_events}: the lineage of every value it contributed to. */
public record ArchivedEvent(
        String tenantId,
        String eventType,
        String eventId,
        long eventTime,
        String sourceSystem,
        String employeeId,
        String departmentId,
        long schemaFingerprint,
        String payloadJson,
        byte[] payloadAvro,
        String topic,
        int partition,
        long offset,
        long ingestedAtMillis)
        implements Serializable {}
