package io.kpipulse.api.rejections;

import java.time.Instant;

/** One event that arrived after the allowed lateness, with the watermark it missed and its Avro bytes in base64. */
public record LateEventView(String reason, String eventType, String eventId, Instant eventTime, Instant watermark,
                            String employeeId, String departmentId, String kafkaTopic, long kafkaPartition,
                            long kafkaOffset, Instant detectedAt, String payloadAvroBase64) {
}
