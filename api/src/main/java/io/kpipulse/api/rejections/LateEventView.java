package io.kpipulse.api.rejections;

import java.time.Instant;

/** One event received too long after it happened, with when it was received and its Avro bytes in base64. */
public record LateEventView(
        String reason,
        String eventType,
        String eventId,
        Instant eventTime,
        Instant receivedAt,
        String employeeId,
        String departmentId,
        String kafkaTopic,
        long kafkaPartition,
        long kafkaOffset,
        Instant detectedAt,
        String payloadAvroBase64) {}
