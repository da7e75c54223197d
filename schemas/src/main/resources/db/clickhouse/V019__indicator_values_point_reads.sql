-- Dashboards read one subject at a time: a scorecard is every month-to-date indicator of one employee for this
-- month and the last, a history one indicator of one employee over 13 months. The V015 projection put the rows
-- subject first, but a projection inherits the table's 8,192-row granules: a 13-month history still read one
-- whole granule in each part (179,296 rows for 13 values) and a scorecard 32,768 rows for 62 values.
-- This companion table holds the same rows, sorted subject first and window type before indicator (a
-- scorecard's month-to-date rows of every indicator are then adjacent), in 256-row granules; a materialized
-- view fills it in the same INSERT as indicator_values, so it carries every version the engine writes and
-- readers take the newest version from it exactly as from indicator_values. The read model's point reads
-- (listed subjects) read it; rankings of every subject keep reading indicator_values.
CREATE TABLE IF NOT EXISTS indicator_values_by_subject
(
    tenant_id        LowCardinality(String),
    indicator_id     LowCardinality(String),
    window_type      LowCardinality(String),
    window_start     Date,
    window_end       Date,
    subject_type     LowCardinality(String),
    subject_id       String,
    subject_path     Array(String),
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
ORDER BY (tenant_id, subject_type, subject_id, window_type, indicator_id, window_start)
SETTINGS index_granularity = 256;

CREATE MATERIALIZED VIEW IF NOT EXISTS indicator_values_by_subject_mv TO indicator_values_by_subject AS
SELECT tenant_id, indicator_id, window_type, window_start, window_end, subject_type, subject_id, subject_path,
       value, numerator, denominator, target, attainment, event_count, last_event_time, catalog_version, version,
       updated_at
FROM indicator_values;

-- The rows written before this migration. Rows the engine writes meanwhile may arrive twice (through the view
-- and this copy): the same version of a row is the same row, and the newest version is read either way.
INSERT INTO indicator_values_by_subject
SELECT tenant_id, indicator_id, window_type, window_start, window_end, subject_type, subject_id, subject_path,
       value, numerator, denominator, target, attainment, event_count, last_event_time, catalog_version, version,
       updated_at
FROM indicator_values;

-- Nothing reads the projection any more; it cost a second sorted copy on every insert and merge.
ALTER TABLE indicator_values DROP PROJECTION IF EXISTS by_subject;
