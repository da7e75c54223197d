package io.kpipulse.indicators;

import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import java.io.Serializable;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The catalog an operator instance evaluates with: the one it was built with until a newer
 * {@link CatalogUpdate} arrives through broadcast state. Parsing happens once per version.
 */
public final class CurrentCatalog implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Broadcast state holding the newest catalog update under {@link #KEY}. */
    public static final MapStateDescriptor<String, CatalogUpdate> STATE =
            new MapStateDescriptor<>("catalog", Types.STRING, TypeInformation.of(CatalogUpdate.class));

    public static final String KEY = "catalog";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CurrentCatalog.class);

    private final CatalogUpdate initial;
    private transient CatalogUpdate loaded;
    private transient ItemDeriver deriver;

    public CurrentCatalog(CatalogUpdate initial) {
        this.initial = initial;
    }

    public CatalogUpdate initial() {
        return initial;
    }

    /** The deriver for {@code update} (or the initial catalog when there is none yet). */
    public ItemDeriver deriver(CatalogUpdate update) {
        CatalogUpdate wanted = update == null || update.version() < initial.version() ? initial : update;
        if (deriver == null || loaded.version() != wanted.version()) {
            deriver = new ItemDeriver(wanted.parse());
            loaded = wanted;
        }
        return deriver;
    }

    /**
     * Whether an update can be used: a catalog that does not parse or validate is refused and logged, and
     * the job goes on with the catalog it has (failing would replay the same message forever).
     */
    public static boolean acceptable(CatalogUpdate update) {
        try {
            update.parse();
            return true;
        } catch (RuntimeException e) {
            LOG.error("refusing catalog version {}: {}", update.version(), e.getMessage());
            return false;
        }
    }

    /** Keeps {@code update} in broadcast state when it is newer than the one held and valid. */
    public static void offer(
            org.apache.flink.api.common.state.BroadcastState<String, CatalogUpdate> state, CatalogUpdate update)
            throws Exception {
        CatalogUpdate current = state.get(KEY);
        if ((current == null || update.version() > current.version()) && acceptable(update)) {
            state.put(KEY, update);
        }
    }

    public IndicatorCatalog catalog(CatalogUpdate update) {
        return deriver(update).catalog();
    }

    /** The definition of {@code indicatorId} in the catalog held in {@code state}, or null when it has none. */
    public IndicatorDefinition definition(ReadOnlyBroadcastState<String, CatalogUpdate> state, String indicatorId)
            throws Exception {
        return catalog(state.get(KEY)).find(indicatorId).orElse(null);
    }
}
