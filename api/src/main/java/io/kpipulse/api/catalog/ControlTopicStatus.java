package io.kpipulse.api.catalog;

import java.time.Instant;

/**
 * How the API's catalog follows the control topic, for {@code /health}.
 *
 * @param status UP (reached the broker at {@code lastContact}), DOWN (cannot reach it: the last good catalog
 *     is served), STARTING, or OFF (not followed: the catalog is the one loaded at start)
 * @param error the kind of the last failure while DOWN, never a message that could carry hosts
 */
public record ControlTopicStatus(String status, String topic, Instant lastContact, String error) {

    public static ControlTopicStatus off() {
        return new ControlTopicStatus("OFF", null, null, null);
    }

    public boolean down() {
        return "DOWN".equals(status);
    }
}
