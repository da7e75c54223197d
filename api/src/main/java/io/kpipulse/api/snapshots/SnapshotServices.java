package io.kpipulse.api.snapshots;

import io.kpipulse.api.indicators.CatalogService;
import io.kpipulse.api.lineage.LineageService;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.snapshots.EventLog;
import io.kpipulse.snapshots.FreezeProgressLog;
import io.kpipulse.snapshots.IntegrityChecks;
import io.kpipulse.snapshots.PeriodFigures;
import io.kpipulse.snapshots.SnapshotCapture;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.VerificationRequests;
import java.time.Clock;
import java.util.Objects;

/**
 * Period close as the routes see it, built once over the API's connections. {@code figures} scores the freezes
 * ({@link PeriodFigures}: ScoreBook over the scoring definitions).
 */
public record SnapshotServices(
        FreezeService freeze,
        AdjustmentService adjustments,
        DisputeService disputes,
        SnapshotStore store,
        VerificationRequests verifications,
        IntegrityChecks integrity,
        OrgReader org,
        CatalogService catalog,
        LineageService lineage) {

    public SnapshotServices {
        Objects.requireNonNull(freeze, "freeze");
        Objects.requireNonNull(adjustments, "adjustments");
        Objects.requireNonNull(disputes, "disputes");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(verifications, "verifications");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(lineage, "lineage");
    }

    public static SnapshotServices create(
            Connections connections,
            IndicatorValueReader values,
            OrgReader org,
            CatalogService catalog,
            LineageService lineage,
            PeriodFigures figures,
            CloseConfig config,
            Clock clock) {
        SnapshotStore store = new SnapshotStore(connections);
        EventLog eventLog = new EventLog(connections);
        SnapshotCapture capture = new SnapshotCapture(values, org, figures);
        AdjustmentService adjustments =
                new AdjustmentService(store, capture, eventLog, catalog::current, config, clock);
        return new SnapshotServices(
                new FreezeService(
                        store,
                        capture,
                        eventLog,
                        new FreezeProgressLog(
                                connections, clock, config.freezeHeartbeat(), config.freezeAbandonedAfter()),
                        catalog::current,
                        config,
                        clock),
                adjustments,
                new DisputeService(store, adjustments, clock),
                store,
                new VerificationRequests(connections),
                new IntegrityChecks(connections),
                org,
                catalog,
                lineage);
    }
}
