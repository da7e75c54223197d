package io.kpipulse.api.snapshots;

import io.kpipulse.periods.Period;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.Transition;
import java.util.List;
import java.util.Optional;

/**
 * Where a period stands: its snapshot versions and their lifecycle. The current snapshot is the newest version
 * not re-opened; the period is OPEN without one, else FROZEN or PUBLISHED by its newest transition.
 */
public record PeriodState(Period period, List<StoredSnapshot> versions, List<Transition> transitions) {

    public enum Status {
        OPEN,
        FROZEN,
        PUBLISHED
    }

    public Optional<StoredSnapshot> current() {
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        StoredSnapshot newest = versions.get(versions.size() - 1);
        return statusOf(newest) == Transition.Kind.REOPENED ? Optional.empty() : Optional.of(newest);
    }

    public Status status() {
        return current()
                .map(s -> statusOf(s) == Transition.Kind.PUBLISHED ? Status.PUBLISHED : Status.FROZEN)
                .orElse(Status.OPEN);
    }

    /** The newest transition of a version (FROZEN when only its freeze is recorded). */
    public Transition.Kind statusOf(StoredSnapshot snapshot) {
        Transition.Kind kind = Transition.Kind.FROZEN;
        for (Transition t : transitions) {
            if (t.snapshotId().equals(snapshot.snapshotId())) {
                kind = t.kind();
            }
        }
        return kind;
    }

    public Optional<StoredSnapshot> version(int version) {
        return versions.stream().filter(s -> s.version() == version).findFirst();
    }
}
