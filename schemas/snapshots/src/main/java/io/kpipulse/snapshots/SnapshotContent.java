package io.kpipulse.snapshots;

import io.kpipulse.periods.Period;
import java.util.List;
import java.util.Objects;

/**
 * What a freeze captured: the figures of every employee and department of a period, with the versions and the
 * event-log position they reflect. Its hash ({@link CanonicalForm}) is the snapshot's content hash. The lines'
 * figures text is formatted once, on first use, and shared by the hash and the store's figures column: for a whole
 * tenant it is hundreds of megabytes, too much to format twice. The hash is computed from it on first use, so the
 * store may write the lines while another thread hashes them.
 */
public final class SnapshotContent {

    private final String tenantId;
    private final Period period;
    private final long catalogVersion;
    private final String scoringVersion;
    private final String bonusRulesVersion;
    private final EventLogPosition position;
    private final List<SnapshotLine> lines;
    private List<String> figures;
    private String hash;

    public SnapshotContent(
            String tenantId,
            Period period,
            long catalogVersion,
            String scoringVersion,
            String bonusRulesVersion,
            EventLogPosition position,
            List<SnapshotLine> lines) {
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.period = Objects.requireNonNull(period, "period");
        this.catalogVersion = catalogVersion;
        this.scoringVersion = Objects.requireNonNull(scoringVersion, "scoringVersion");
        this.bonusRulesVersion = Objects.requireNonNull(bonusRulesVersion, "bonusRulesVersion");
        this.position = Objects.requireNonNull(position, "position");
        this.lines = List.copyOf(CanonicalForm.sorted(lines));
    }

    public String tenantId() {
        return tenantId;
    }

    public Period period() {
        return period;
    }

    public long catalogVersion() {
        return catalogVersion;
    }

    public String scoringVersion() {
        return scoringVersion;
    }

    public String bonusRulesVersion() {
        return bonusRulesVersion;
    }

    public EventLogPosition position() {
        return position;
    }

    /** The lines in canonical order (subject type, then id). */
    public List<SnapshotLine> lines() {
        return lines;
    }

    public synchronized String hash() {
        if (hash == null) {
            hash = CanonicalForm.hash(this, figures());
        }
        return hash;
    }

    /** Each line's figures field ({@link CanonicalForm#figures}), in the order of {@link #lines()}. */
    List<String> figures() {
        // Its own lock, not the hash's: the store reads the figures while another thread hashes them.
        synchronized (lines) {
            if (figures == null) {
                figures = CanonicalForm.formatFigures(lines);
            }
            return figures;
        }
    }

    public long valueCount() {
        return lines.stream().mapToLong(l -> l.values().size()).sum();
    }
}
