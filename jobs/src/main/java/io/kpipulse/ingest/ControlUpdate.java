package io.kpipulse.ingest;

import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.indicators.CurrentCatalog;
import io.kpipulse.org.OrgChange;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.org.TimeLine;
import java.io.Serializable;
import org.apache.flink.api.common.state.BroadcastState;

/** What every parallel instance must see: org-directory changes and catalog versions (broadcast). */
public record ControlUpdate(OrgChange orgChange, CatalogUpdate catalog) implements Serializable {

    public static ControlUpdate of(OrgChange change) {
        return new ControlUpdate(change, null);
    }

    public static ControlUpdate of(CatalogUpdate catalog) {
        return new ControlUpdate(null, catalog);
    }

    /** Keeps this update in the broadcast state of an operator that reads both the directory and the catalog. */
    public void applyTo(BroadcastState<String, TimeLine> directory, BroadcastState<String, CatalogUpdate> catalogs)
            throws Exception {
        OrgDirectory.apply(directory, orgChange);
        if (catalog != null) {
            CurrentCatalog.offer(catalogs, catalog);
        }
    }
}
