-- Period close (issue 13), what the close records besides the snapshots: a freeze's progress, stored so that any
-- API process can show it, and the integrity re-hashes of stored lines, recorded by the verification worker so
-- that no request re-reads a snapshot. Insert-only MergeTrees like V009 and V018: the state is the newest row.

-- One row per step of a freeze: RUNNING (its phase, work done out of a total when known), then DONE or FAILED.
-- freeze_id names one attempt (a process's freeze of a version), seq numbers its steps (times may be equal);
-- started_at and actor repeat on every row so that the newest row alone says everything.
CREATE TABLE IF NOT EXISTS snapshot_freeze_progress
(
    tenant_id   LowCardinality(String),
    period      String,
    freeze_id   String,
    version     UInt32,
    actor       String,
    started_at  DateTime64(3, 'UTC'),
    seq         UInt32,
    at          DateTime64(3, 'UTC'),
    state       LowCardinality(String),
    phase       String,
    done        UInt64,
    total       UInt64,
    message     String
)
ENGINE = MergeTree
ORDER BY (tenant_id, period, started_at, freeze_id, seq);

-- One row per re-hash of a snapshot version's stored lines: the hash in its header, the hash of the lines as read
-- back, and whether they agree.
CREATE TABLE IF NOT EXISTS snapshot_integrity_checks
(
    tenant_id      LowCardinality(String),
    period         String,
    snapshot_id    String,
    version        UInt32,
    check_id       String,
    checked_at     DateTime64(3, 'UTC'),
    checked_by     String,
    stored_hash    String,
    rehashed_hash  String,
    line_count     UInt64,
    intact         UInt8
)
ENGINE = MergeTree
ORDER BY (tenant_id, period, snapshot_id, checked_at, check_id);

-- A freeze writes a tenant's canonical figures text once (about 200 MB for 100,000 employees × 40 indicators)
-- and the verification re-reads it; ZSTD(3) cost the insert (and every merge) several times LZ4's CPU on a
-- machine where the freeze's budget is 10 s. Only the codec of parts written from now on changes; stored bytes,
-- and so every snapshot's hash, stay as they are.
ALTER TABLE snapshot_lines MODIFY COLUMN figures String CODEC(LZ4);
