package io.kpipulse.alerts;

import java.io.Serializable;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the outside world has already been told about each alert: the newest published transition per alert
 * key (tenant|rule|group). {@link AlertEvaluator} reads it when it starts, because its checkpointed state
 * may be older than what was published (a restore from an older checkpoint or savepoint, or transitions
 * emitted after the last checkpoint) and the engine's replay is not obliged to show the same values again.
 */
@FunctionalInterface
public interface AlertHistory extends Serializable {

    /** The newest published transition of every alert whose key {@code owns} accepts. */
    Map<String, Published> newest(Predicate<String> owns) throws Exception;

    /** No history (tests without storage, a first start on empty storage). */
    static AlertHistory none() {
        return owns -> Map.of();
    }
}
