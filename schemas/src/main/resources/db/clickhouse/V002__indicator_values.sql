-- One row per (tenant, indicator, window, subject). The engine rewrites a row each time its value
-- changes with a strictly larger version, so readers take the newest version (FINAL or argMax) and a
-- replay from a checkpoint rewrites identical rows instead of adding to them.
-- Values are exact decimals: bonuses are computed from them.
CREATE TABLE IF NOT EXISTS indicator_values
(
    tenant_id        LowCardinality(String),
    indicator_id     LowCardinality(String),
    window_type      LowCardinality(String),
    window_start     Date,
    window_end       Date,
    subject_type     LowCardinality(String),
    subject_id       String,
    value            Nullable(Decimal(38, 6)),
    numerator        Nullable(Decimal(38, 6)),
    denominator      Nullable(Decimal(38, 6)),
    target           Nullable(Decimal(38, 6)),
    attainment       Nullable(Decimal(38, 6)),
    event_count      UInt64,
    last_event_time  DateTime64(3, 'UTC'),
    catalog_version  UInt64,
    version          UInt64,
    updated_at       DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY (tenant_id, toYYYYMM(window_start))
ORDER BY (tenant_id, indicator_id, window_type, window_start, subject_type, subject_id);
