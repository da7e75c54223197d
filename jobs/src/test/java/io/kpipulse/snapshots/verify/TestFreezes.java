package io.kpipulse.snapshots.verify;

import io.kpipulse.read.sql.Connections;
import io.kpipulse.snapshots.SnapshotContent;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.Transition;
import java.time.Instant;

/** Snapshot versions written straight into the store, as a freeze writes them (capture id {@code capture-<version>}). */
final class TestFreezes {

    private TestFreezes() {}

    /** Writes {@code content} as version {@code version}, frozen by {@code actor} at {@code at} (reason "test"). */
    static StoredSnapshot write(Connections db, SnapshotContent content, int version, String actor, Instant at) {
        StoredSnapshot header = StoredSnapshot.of(content, version, "capture-" + version, actor, at, "test", false);
        new SnapshotStore(db)
                .write(
                        header,
                        content,
                        new Transition(
                                content.tenantId(),
                                content.period().id(),
                                header.snapshotId(),
                                version,
                                Transition.Kind.FROZEN,
                                actor,
                                at,
                                "test"));
        return header;
    }
}
