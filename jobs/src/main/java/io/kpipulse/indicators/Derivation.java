package io.kpipulse.indicators;

import java.util.ArrayList;
import java.util.List;

/** What one accepted event contributes: finished items, and sides of items still waiting for a partner. */
public final class Derivation {

    private final List<Item> items = new ArrayList<>(4);
    private final List<Partial> partials = new ArrayList<>(2);

    void add(Item item) {
        items.add(item);
    }

    void add(Partial partial) {
        partials.add(partial);
    }

    public List<Item> items() {
        return items;
    }

    public List<Partial> partials() {
        return partials;
    }

    public boolean isEmpty() {
        return items.isEmpty() && partials.isEmpty();
    }
}
