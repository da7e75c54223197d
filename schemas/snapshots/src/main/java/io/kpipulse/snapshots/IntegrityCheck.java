package io.kpipulse.snapshots;

import java.time.Instant;
import java.util.Objects;

/**
 * One re-hash of a snapshot version's stored lines: the hash its header records, the hash of the lines as read back,
 * who checked and when. {@code intact} when they agree.
 */
public record IntegrityCheck(
        String tenantId,
        String period,
        String snapshotId,
        int version,
        String checkId,
        Instant checkedAt,
        String checkedBy,
        String storedHash,
        String rehashedHash,
        long lineCount) {

    public IntegrityCheck {
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(storedHash, "storedHash");
        Objects.requireNonNull(rehashedHash, "rehashedHash");
    }

    public boolean intact() {
        return storedHash.equals(rehashedHash);
    }
}
