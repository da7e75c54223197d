-- API keys of machine clients. Only the SHA-256 of a key is stored; the key itself is shown once at
-- creation. A revocation writes the same key id again with revoked = 1 and a larger version, so readers
-- take the newest version (FINAL) and a revoked key never becomes valid again.
CREATE TABLE IF NOT EXISTS api_keys
(
    key_id      String,
    tenant_id   LowCardinality(String),
    name        String,
    key_sha256  String,
    roles       String,
    created_by  String,
    created_at  DateTime64(3, 'UTC'),
    revoked     UInt8,
    revoked_by  String,
    revoked_at  DateTime64(3, 'UTC'),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY key_id;

-- The append-only audit log: every change and every sensitive read (sign-ins, failed sign-ins, API keys,
-- lineage reads, denials). A plain MergeTree that the API only ever inserts into and selects from; no route
-- updates or deletes it. In production the API's ClickHouse user holds INSERT and SELECT on it, nothing else.
CREATE TABLE IF NOT EXISTS audit_log
(
    tenant_id       LowCardinality(String),
    event_time      DateTime64(3, 'UTC'),
    entry_id        String,
    actor           String,
    action          LowCardinality(String),
    target          String,
    before_json     String CODEC(ZSTD(3)),
    after_json      String CODEC(ZSTD(3)),
    outcome         LowCardinality(String),
    request_id      String,
    client_address  String
)
ENGINE = MergeTree
PARTITION BY (tenant_id, toYYYYMM(event_time))
ORDER BY (tenant_id, event_time, entry_id);
