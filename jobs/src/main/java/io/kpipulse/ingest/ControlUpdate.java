package io.kpipulse.ingest;

import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.org.OrgChange;
import java.io.Serializable;

/** What every parallel instance must see: org-directory changes and catalog versions (broadcast). */
public record ControlUpdate(OrgChange orgChange, CatalogUpdate catalog) implements Serializable {

    public static ControlUpdate of(OrgChange change) {
        return new ControlUpdate(change, null);
    }

    public static ControlUpdate of(CatalogUpdate catalog) {
        return new ControlUpdate(null, catalog);
    }
}
