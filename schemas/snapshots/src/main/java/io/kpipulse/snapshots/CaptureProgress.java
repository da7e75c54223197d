package io.kpipulse.snapshots;

/** Where a long capture stands, for a status route: phase name, and work done out of a total when known. */
@FunctionalInterface
public interface CaptureProgress {

    void report(String phase, long done, long total);

    CaptureProgress IGNORED = (phase, done, total) -> {};
}
