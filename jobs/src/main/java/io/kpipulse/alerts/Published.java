package io.kpipulse.alerts;

import io.kpipulse.alerts.lifecycle.AlertStatus;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import java.io.Serializable;

/**
 * The newest transition of one alert that left the job: its sequence number, its kind and the evaluation
 * clock it was made at.
 */
public record Published(long sequence, TransitionKind kind, long eventTime) implements Serializable {

    /** The status the transition announced. */
    public AlertStatus status() {
        return switch (kind) {
            case PENDING -> AlertStatus.PENDING;
            case FIRING -> AlertStatus.FIRING;
            case RESOLVED, CLEARED -> AlertStatus.NORMAL;
        };
    }

    /** The newer of two (by sequence); either may be null. */
    public static Published newer(Published a, Published b) {
        if (a == null) {
            return b;
        }
        return b == null || a.sequence() >= b.sequence() ? a : b;
    }
}
