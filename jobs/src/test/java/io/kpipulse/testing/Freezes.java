package io.kpipulse.testing;

import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.periods.Period;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.snapshots.CaptureProgress;
import io.kpipulse.snapshots.EventLog;
import io.kpipulse.snapshots.PeriodFigures;
import io.kpipulse.snapshots.SnapshotCapture;
import io.kpipulse.snapshots.SnapshotContent;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.Transition;
import io.kpipulse.storage.ClickHouseConnector;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A period captured and frozen from what an engine wrote, as the API's freeze does it, for verification tests. */
public final class Freezes {

    private Freezes() {}

    /** Scoring as the API and the command wire it. */
    public static PeriodFigures figures(ClickHouseConnector db, Clock clock) {
        return new PeriodFigures(new ScoringStore(db::open, clock));
    }

    /** Every figure of {@code period} in {@code db}, at the event-log position before the period's end. */
    public static SnapshotContent capture(
            ClickHouseConnector db, String tenant, Period period, ZoneId zone, IndicatorCatalog catalog, Clock clock) {
        return new SnapshotCapture(
                        new IndicatorValueReader(db::open, ValueReadStrategy.FINAL, () -> catalog),
                        new OrgReader(db::open),
                        figures(db, clock))
                .capture(
                        tenant,
                        period,
                        zone,
                        catalog,
                        new EventLog(db::open).positionBefore(tenant, period.endExclusive(zone)),
                        CaptureProgress.IGNORED);
    }

    /** Stores {@code content} as snapshot {@code version}, frozen by the tenant's HR at {@code at}. */
    public static StoredSnapshot freeze(ClickHouseConnector db, SnapshotContent content, int version, Instant at) {
        String by = content.tenantId() + "/hr";
        StoredSnapshot header = StoredSnapshot.of(content, version, "capture-" + version, by, at, "test", false);
        new SnapshotStore(db::open)
                .write(
                        header,
                        content,
                        new Transition(
                                content.tenantId(),
                                content.period().id(),
                                header.snapshotId(),
                                version,
                                Transition.Kind.FROZEN,
                                by,
                                at,
                                "test"));
        return header;
    }
}
