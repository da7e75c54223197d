package io.kpipulse.snapshots;

import java.util.List;
import java.util.Objects;

/**
 * What a freeze captured: the figures of every employee and department of a period, with the versions and the
 * event-log position they reflect. Its hash ({@link CanonicalForm#hash}) is the snapshot's content hash.
 */
public record SnapshotContent(
        String tenantId,
        Period period,
        long catalogVersion,
        String scoringVersion,
        String bonusRulesVersion,
        EventLogPosition position,
        List<SnapshotLine> lines) {

    public SnapshotContent {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(scoringVersion, "scoringVersion");
        Objects.requireNonNull(bonusRulesVersion, "bonusRulesVersion");
        Objects.requireNonNull(position, "position");
        lines = List.copyOf(CanonicalForm.sorted(lines));
    }

    public String hash() {
        return CanonicalForm.hash(this);
    }

    public long valueCount() {
        return lines.stream().mapToLong(l -> l.values().size()).sum();
    }
}
