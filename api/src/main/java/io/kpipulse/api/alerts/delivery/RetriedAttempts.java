package io.kpipulse.api.alerts.delivery;

import java.util.function.Consumer;

/**
 * The retry loop every channel shares: up to {@link RetrySchedule#attempts()} tries with the schedule's back-off
 * between them, each try's outcome logged (RETRYING, then DELIVERED or FAILED on the last).
 */
final class RetriedAttempts {

    /** One try: whether the receiver accepted it, its status (0 when it has none) and what to log. */
    record Outcome(boolean accepted, int status, String detail) {

        static Outcome failed(Exception e) {
            return new Outcome(
                    false, 0, e.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(e.getMessage())));
        }
    }

    /** One try at delivering. */
    interface Attempt {
        Outcome run() throws InterruptedException;
    }

    private RetriedAttempts() {}

    /** Tries until accepted; true once accepted, false after the last failed try. */
    static boolean deliver(
            RetrySchedule retries,
            HttpDelivery.Sleeper sleeper,
            AlertChannel channel,
            String idempotencyKey,
            Consumer<DeliveryAttempt> log,
            Attempt attempt)
            throws InterruptedException {
        for (int n = 1; n <= retries.attempts(); n++) {
            Outcome o = attempt.run();
            boolean last = n == retries.attempts();
            DeliveryStatus status =
                    o.accepted() ? DeliveryStatus.DELIVERED : last ? DeliveryStatus.FAILED : DeliveryStatus.RETRYING;
            log.accept(new DeliveryAttempt(
                    channel.tenantId(),
                    idempotencyKey,
                    channel.channelId(),
                    channel.kind().name(),
                    n,
                    status,
                    o.status(),
                    o.detail(),
                    System.currentTimeMillis()));
            if (o.accepted()) {
                return true;
            }
            if (!last) {
                sleeper.sleep(retries.delayAfter(n));
            }
        }
        return false;
    }

    /** A receiver's answer or an error text, kept short for the delivery log. */
    static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
