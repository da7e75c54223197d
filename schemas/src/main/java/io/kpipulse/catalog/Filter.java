package io.kpipulse.catalog;

import java.util.List;

/** Conditions that must all hold for an event to count. An empty filter accepts every event. */
public record Filter(List<Condition> conditions) {

    public static final Filter ALL = new Filter(List.of());

    public Filter {
        conditions = List.copyOf(conditions);
    }

    public boolean isEmpty() {
        return conditions.isEmpty();
    }
}
