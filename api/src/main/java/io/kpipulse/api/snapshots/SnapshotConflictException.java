package io.kpipulse.api.snapshots;

import io.kpipulse.api.http.ApiException;

/** A request that conflicts with the period's state: a frozen snapshot changed, a freeze too early, a closed dispute. */
public final class SnapshotConflictException extends ApiException {

    public SnapshotConflictException(String code, String message) {
        super(409, code, message);
    }
}
