package io.kpipulse.ingest;

import java.io.Serializable;

/**
 * An event that reached Kafka too long after it happened. It is not counted in any window; it is kept,
 * with when it was received, so period close can review and adjust.
 */
public record LateEvent(
        String tenantId,
        String eventType,
        String eventId,
        long eventTime,
        long receivedAt,
        String reason,
        String employeeId,
        String departmentId,
        byte[] payload,
        String topic,
        int partition,
        long offset,
        long detectedAtMillis)
        implements Serializable {}
