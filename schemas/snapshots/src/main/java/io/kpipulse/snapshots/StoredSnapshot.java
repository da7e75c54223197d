package io.kpipulse.snapshots;

import io.kpipulse.periods.Period;
import java.time.Instant;
import java.util.Objects;

/**
 * The header of one frozen snapshot version as stored: its id (deterministic: {@link SnapshotIds#of}), the
 * capture its lines belong to, the content hash, the versions and event-log position it reflects, and who
 * froze it, when and why ({@code forced} when frozen before the engine had passed the period's end + grace).
 */
public record StoredSnapshot(
        String tenantId,
        Period period,
        int version,
        String snapshotId,
        String captureId,
        String contentHash,
        long lineCount,
        long valueCount,
        long catalogVersion,
        String scoringVersion,
        String bonusRulesVersion,
        EventLogPosition position,
        String frozenBy,
        Instant frozenAt,
        String reason,
        boolean forced) {

    public StoredSnapshot {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(captureId, "captureId");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(frozenBy, "frozenBy");
        Objects.requireNonNull(frozenAt, "frozenAt");
        reason = reason == null ? "" : reason;
    }

    /** The header of {@code content} frozen as {@code version} by {@code actor}. */
    public static StoredSnapshot of(
            SnapshotContent content,
            int version,
            String captureId,
            String actor,
            Instant at,
            String reason,
            boolean forced) {
        return new StoredSnapshot(
                content.tenantId(),
                content.period(),
                version,
                SnapshotIds.of(content.tenantId(), content.period(), version),
                captureId,
                content.hash(),
                content.lines().size(),
                content.valueCount(),
                content.catalogVersion(),
                content.scoringVersion(),
                content.bonusRulesVersion(),
                content.position(),
                actor,
                at,
                reason,
                forced);
    }

    /** The content these lines make with this header's versions and position (for re-hashing stored lines). */
    public SnapshotContent content(java.util.List<SnapshotLine> lines) {
        return new SnapshotContent(
                tenantId, period, catalogVersion, scoringVersion, bonusRulesVersion, position, lines);
    }
}
