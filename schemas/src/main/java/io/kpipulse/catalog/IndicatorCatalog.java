package io.kpipulse.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable, versioned set of indicator definitions. A new version replaces the old one as a whole,
 * which keeps every value traceable to the exact definitions that produced it
 * ({@code indicator_values.catalog_version}).
 */
public final class IndicatorCatalog {

    private final long version;
    private final Map<String, IndicatorDefinition> byId;

    public IndicatorCatalog(long version, Collection<IndicatorDefinition> definitions) {
        if (version < 0) {
            throw new IllegalArgumentException("catalog version must not be negative");
        }
        this.version = version;
        Map<String, IndicatorDefinition> map = new LinkedHashMap<>();
        for (IndicatorDefinition d : definitions) {
            if (map.putIfAbsent(d.id(), d) != null) {
                throw new IllegalArgumentException("indicator " + d.id() + " is defined twice");
            }
        }
        this.byId = java.util.Collections.unmodifiableMap(map);
    }

    public long version() {
        return version;
    }

    public List<IndicatorDefinition> indicators() {
        return List.copyOf(byId.values());
    }

    public Optional<IndicatorDefinition> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return byId.size();
    }

    /** Every event type some indicator reads, for routing and for validating against the contracts. */
    public Set<String> eventTypes() {
        Set<String> types = new TreeSet<>();
        for (IndicatorDefinition d : byId.values()) {
            d.aggregation().selectors().forEach(s -> types.add(s.eventType()));
        }
        return types;
    }

    public IndicatorCatalog withVersion(long newVersion) {
        return new IndicatorCatalog(newVersion, byId.values());
    }
}
