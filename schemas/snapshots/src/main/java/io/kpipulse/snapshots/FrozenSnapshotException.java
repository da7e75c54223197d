package io.kpipulse.snapshots;

/** A write that would change a frozen snapshot: the store refuses it (the API answers 409). */
public final class FrozenSnapshotException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FrozenSnapshotException(String message) {
        super(message);
    }
}
