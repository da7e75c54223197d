-- Tenant calendar versions published through the API (issue 8 item 6): what the API lists. The control topic
-- (key calendar/<tenant>/<year>/<version>) is what the engine runs. A version is stored unpublished first and
-- again once the broker acknowledged it, so a version the engine never received is shown as such.
CREATE TABLE IF NOT EXISTS calendar_versions
(
    tenant_id     LowCardinality(String),
    year          UInt16,
    version       UInt64,
    version_json  String,
    published     UInt8,
    updated_at    DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (tenant_id, year, version);
