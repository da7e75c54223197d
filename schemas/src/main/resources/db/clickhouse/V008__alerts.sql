-- Alerts: rules as the API stores them (the control topic carries them to the job), the history of
-- alert transitions the job writes, acknowledgements, silences, delivery channels and the delivery log.
-- Every table is tenant-first; rows are replaced by their natural key, so a replay rewrites instead of adding.

-- One row per rule version; the newest version is the rule, a deleted rule keeps its last version with deleted = 1.
CREATE TABLE IF NOT EXISTS alert_rules
(
    tenant_id     LowCardinality(String),
    rule_id       String,
    version       UInt64,
    department_id String,
    owner_id      String,
    rule_json     String,
    deleted       UInt8,
    updated_at    DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, rule_id);

-- One row per transition of an alert (rule × group), numbered per alert; the idempotency key of a
-- delivery is tenant|rule|group|sequence. department_path: the subject's department and its ancestors, comma-separated.
CREATE TABLE IF NOT EXISTS alert_events
(
    tenant_id        LowCardinality(String),
    rule_id          String,
    rule_version     UInt64,
    group_id         String,
    sequence         UInt64,
    idempotency_key  String,
    kind             LowCardinality(String),
    severity         LowCardinality(String),
    indicator_id     LowCardinality(String),
    window_type      LowCardinality(String),
    window_start     Nullable(Date),
    window_end       Nullable(Date),
    subject_type     LowCardinality(String),
    subject_id       String,
    department_id    String,
    department_path  String,
    value            Nullable(Decimal(38, 6)),
    indicator_value  Nullable(Decimal(38, 6)),
    threshold        Nullable(Decimal(38, 6)),
    target           Nullable(Decimal(38, 6)),
    previous_value   Nullable(Decimal(38, 6)),
    members_firing   UInt32,
    event_time       DateTime64(3, 'UTC'),
    emitted_at       DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
PARTITION BY (tenant_id, toYYYYMM(event_time))
ORDER BY (tenant_id, rule_id, group_id, sequence);

-- Who acknowledged which alert (rule × group) at which transition.
CREATE TABLE IF NOT EXISTS alert_acknowledgements
(
    tenant_id       LowCardinality(String),
    rule_id         String,
    group_id        String,
    sequence        UInt64,
    user_id         String,
    note            String,
    acknowledged_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(acknowledged_at)
ORDER BY (tenant_id, rule_id, group_id, sequence, user_id);

-- A silence mutes notifications (not the history) of matching alerts until ends_at.
-- rule_id empty: every rule of the subtree; department_id: the subtree whose alerts it mutes.
CREATE TABLE IF NOT EXISTS alert_silences
(
    tenant_id     LowCardinality(String),
    silence_id    String,
    rule_id       String,
    department_id String,
    starts_at     DateTime64(3, 'UTC'),
    ends_at       DateTime64(3, 'UTC'),
    reason        String,
    created_by    String,
    version       UInt64,
    deleted       UInt8
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, silence_id);

-- Where alerts of a department subtree are sent. secret: the signing secret (webhook HMAC key, DingTalk /
-- Feishu sign secret) or SMTP password; it never leaves the API.
CREATE TABLE IF NOT EXISTS alert_channels
(
    tenant_id     LowCardinality(String),
    channel_id    String,
    kind          LowCardinality(String),
    department_id String,
    target        String,
    secret        String,
    language      LowCardinality(String),
    min_severity  LowCardinality(String),
    version       UInt64,
    deleted       UInt8
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, channel_id);

-- One row per delivery attempt outcome: DELIVERED, RETRYING or FAILED (after the last attempt), per
-- idempotency key and channel; a key DELIVERED to a channel is never sent to it again.
CREATE TABLE IF NOT EXISTS alert_deliveries
(
    tenant_id       LowCardinality(String),
    idempotency_key String,
    channel_id      String,
    recipient       String,
    attempt         UInt32,
    status          LowCardinality(String),
    http_status     Int32,
    detail          String,
    at              DateTime64(3, 'UTC')
)
ENGINE = MergeTree
PARTITION BY (tenant_id, toYYYYMM(at))
ORDER BY (tenant_id, idempotency_key, channel_id, attempt, at);
