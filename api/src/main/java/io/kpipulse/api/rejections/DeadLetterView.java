package io.kpipulse.api.rejections;

import java.time.Instant;

/** One dead letter: why it was rejected, where it came from, and the original record bytes in base64. */
public record DeadLetterView(
        String reason,
        String detail,
        String eventType,
        String eventId,
        String kafkaTopic,
        long kafkaPartition,
        long kafkaOffset,
        String recordKey,
        Instant detectedAt,
        String originalBytesBase64) {}
