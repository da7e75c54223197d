-- Period close (issue 13): snapshots of a period, their lines, and everything that happens to them after.
-- Every table is a plain MergeTree that the API and the verification command only INSERT into and SELECT from:
-- no ReplacingMergeTree, so no later row can ever supersede a stored one, and a status change is a new
-- transition row, never an edit. In production the API's ClickHouse user holds INSERT, SELECT on these tables
-- and nothing else (no ALTER UPDATE / DELETE, no TRUNCATE, no DROP), which is what ClickHouse itself can
-- enforce; the store refuses to add lines to a snapshot that already has a header (a guard in code), and
-- identical retried blocks are dropped by insert deduplication (non_replicated_deduplication_window).

-- One row per frozen snapshot version: what it is, its content hash and the event-log position it reflects.
-- A snapshot's lines are those of its capture_id: if two writers ever raced past the API's lock, the header
-- written first (written_at, then capture_id) is the snapshot and the other capture is never read.
CREATE TABLE IF NOT EXISTS snapshots
(
    tenant_id            LowCardinality(String),
    period               String,
    version              UInt32,
    snapshot_id          String,
    capture_id           String,
    content_hash         String,
    line_count           UInt64,
    value_count          UInt64,
    catalog_version      UInt64,
    scoring_version      String,
    bonus_rules_version  String,
    event_count          UInt64,
    max_event_time       DateTime64(3, 'UTC'),
    partition_offsets    String,
    frozen_by            String,
    frozen_at            DateTime64(3, 'UTC'),
    reason               String,
    forced               UInt8,
    written_at           DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (tenant_id, period, version, written_at, capture_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- One row per employee and department of a snapshot. figures is the canonical text of every indicator value
-- of the line (see io.kpipulse.snapshots.CanonicalForm), exactly the bytes the content hash covers.
CREATE TABLE IF NOT EXISTS snapshot_lines
(
    tenant_id        LowCardinality(String),
    snapshot_id      String,
    capture_id       String,
    subject_type     LowCardinality(String),
    subject_id       String,
    department_id    String,
    base_pay         Nullable(Decimal(38, 6)),
    score            Nullable(Decimal(38, 6)),
    rating           Nullable(String),
    multipliers      String,
    performance_pay  Nullable(Decimal(38, 6)),
    figures          String CODEC(ZSTD(3))
)
ENGINE = MergeTree
ORDER BY (tenant_id, snapshot_id, capture_id, subject_type, subject_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- The lifecycle of a snapshot (FROZEN, PUBLISHED, REOPENED): who, when, why. The status is the newest row.
CREATE TABLE IF NOT EXISTS snapshot_transitions
(
    tenant_id    LowCardinality(String),
    period       String,
    snapshot_id  String,
    version      UInt32,
    transition   LowCardinality(String),
    actor        String,
    at           DateTime64(3, 'UTC'),
    reason       String
)
ENGINE = MergeTree
ORDER BY (tenant_id, period, at, snapshot_id);

-- The adjustments ledger: a change to a frozen figure found after the freeze (late events, an accepted dispute),
-- per subject and indicator, with the events that caused it and where it goes (carried into the next period,
-- or waiting for a re-open).
CREATE TABLE IF NOT EXISTS snapshot_adjustments
(
    tenant_id      LowCardinality(String),
    period         String,
    snapshot_id    String,
    adjustment_id  String,
    subject_type   LowCardinality(String),
    subject_id     String,
    indicator_id   String,
    old_value      Nullable(Decimal(38, 6)),
    new_value      Nullable(Decimal(38, 6)),
    delta          Nullable(Decimal(38, 6)),
    cause          LowCardinality(String),
    event_ids      String,
    dispute_id     String,
    disposition    LowCardinality(String),
    carried_to     String,
    created_by     String,
    created_at     DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (tenant_id, period, snapshot_id, subject_type, subject_id, indicator_id, adjustment_id);

-- Disputes on snapshot lines, one row per step (RAISED, ACCEPTED, REJECTED); a dispute's state is its newest step.
CREATE TABLE IF NOT EXISTS snapshot_disputes
(
    tenant_id     LowCardinality(String),
    period        String,
    snapshot_id   String,
    dispute_id    String,
    step          LowCardinality(String),
    subject_type  LowCardinality(String),
    subject_id    String,
    indicator_id  String,
    actor         String,
    at            DateTime64(3, 'UTC'),
    reason        String,
    claimed_value Nullable(Decimal(38, 6))
)
ENGINE = MergeTree
ORDER BY (tenant_id, period, dispute_id, at);

-- Runs of the verification command (jobs: io.kpipulse.snapshots.verify): a recomputation of the snapshot from
-- raw_events, compared figure by figure; the API reports them.
CREATE TABLE IF NOT EXISTS snapshot_verifications
(
    tenant_id        LowCardinality(String),
    period           String,
    snapshot_id      String,
    run_id           String,
    started_at       DateTime64(3, 'UTC'),
    finished_at      DateTime64(3, 'UTC'),
    outcome          LowCardinality(String),
    events_replayed  UInt64,
    differences      UInt64,
    details          String CODEC(ZSTD(3)),
    recomputed_hash  String
)
ENGINE = MergeTree
ORDER BY (tenant_id, period, snapshot_id, started_at, run_id);
