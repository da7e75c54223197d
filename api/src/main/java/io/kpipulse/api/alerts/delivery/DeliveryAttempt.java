package io.kpipulse.api.alerts.delivery;

/** The outcome of one attempt to deliver one transition to one channel. */
public record DeliveryAttempt(
        String tenantId,
        String idempotencyKey,
        String channelId,
        String recipient,
        int attempt,
        DeliveryStatus status,
        int httpStatus,
        String detail,
        long atMillis) {}
