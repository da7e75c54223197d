-- Verification on request (issue 13): HR asks through the API for a snapshot to be verified against a
-- recomputation from the stored raw events; the verification command's worker (jobs:
-- io.kpipulse.snapshots.verify.VerifySnapshotMain --requests) takes the request, reports its progress and records
-- the outcome. The API never recomputes inside a request. Plain MergeTrees, insert-only like V009: a request's
-- state is its newest step, every step is a new row.

-- One row per step of a request: REQUESTED (by whom, why), RUNNING (the worker that claimed it, then its phases
-- with work done out of a total), DONE (the run it recorded in snapshot_verifications) or FAILED (why).
CREATE TABLE IF NOT EXISTS snapshot_verification_requests
(
    tenant_id    LowCardinality(String),
    period       String,
    snapshot_id  String,
    version      UInt32,
    request_id   String,
    step         LowCardinality(String),
    actor        String,
    at           DateTime64(3, 'UTC'),
    reason       String,
    phase        String,
    done         UInt64,
    total        UInt64,
    run_id       String,
    message      String
)
ENGINE = MergeTree
ORDER BY (tenant_id, period, request_id, at);

-- Every difference a verification run found, in the order found, so the API can page through all of them
-- (snapshot_verifications.details keeps the first 1,000): the field's text in the snapshot and recomputed
-- (an indicator's six canonical fields), and for an indicator the two values.
CREATE TABLE IF NOT EXISTS snapshot_verification_differences
(
    tenant_id     LowCardinality(String),
    run_id        String,
    seq           UInt64,
    subject_type  LowCardinality(String),
    subject_id    String,
    field         String,
    snapshot      String,
    recomputed    String,
    snapshot_value    Nullable(Decimal(38, 6)),
    recomputed_value  Nullable(Decimal(38, 6))
)
ENGINE = MergeTree
ORDER BY (tenant_id, run_id, seq);
