package io.kpipulse.snapshots;

import io.kpipulse.periods.Period;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic ids: a snapshot is named by tenant, period and version alone, so two writers of the same
 * version (two API processes, a retried request) name the same snapshot, and the store lets only one exist.
 */
public final class SnapshotIds {

    private SnapshotIds() {}

    /** {@code s-} and the first 24 hex digits of SHA-256({@code tenant|period|version}). */
    public static String of(String tenantId, Period period, int version) {
        return "s-" + digest(tenantId + '|' + period.id() + '|' + version).substring(0, 24);
    }

    static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
