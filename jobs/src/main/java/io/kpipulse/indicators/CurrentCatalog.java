package io.kpipulse.indicators;

import io.kpipulse.catalog.IndicatorCatalog;
import java.io.Serializable;

/**
 * The catalog an operator instance evaluates with: the one it was built with until a newer
 * {@link CatalogUpdate} arrives through broadcast state. Parsing happens once per version.
 */
final class CurrentCatalog implements Serializable {

    private static final long serialVersionUID = 1L;

    private final CatalogUpdate initial;
    private transient CatalogUpdate loaded;
    private transient ItemDeriver deriver;

    CurrentCatalog(CatalogUpdate initial) {
        this.initial = initial;
    }

    CatalogUpdate initial() {
        return initial;
    }

    /** The deriver for {@code update} (or the initial catalog when there is none yet). */
    ItemDeriver deriver(CatalogUpdate update) {
        CatalogUpdate wanted = update == null || update.version() < initial.version() ? initial : update;
        if (deriver == null || loaded.version() != wanted.version()) {
            deriver = new ItemDeriver(wanted.parse());
            loaded = wanted;
        }
        return deriver;
    }

    IndicatorCatalog catalog(CatalogUpdate update) {
        return deriver(update).catalog();
    }
}
