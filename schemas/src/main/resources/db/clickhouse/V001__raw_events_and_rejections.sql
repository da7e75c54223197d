-- Original record bytes (payload_avro, original_bytes) are stored base64-encoded: base64Decode() gives them back.
-- Raw accepted events: the lineage of every indicator value and the input of any recomputation.
-- The sorting key ends with event_id, so a replayed or duplicated event collapses into one row.
CREATE TABLE IF NOT EXISTS raw_events
(
    tenant_id          LowCardinality(String),
    event_type         LowCardinality(String),
    event_id           String,
    event_time         DateTime64(3, 'UTC'),
    source_system      LowCardinality(String),
    employee_id        String,
    department_id      String,
    schema_fingerprint UInt64,
    payload_json       String CODEC(ZSTD(3)),
    payload_avro       String CODEC(ZSTD(3)),
    kafka_topic        LowCardinality(String),
    kafka_partition    UInt32,
    kafka_offset       UInt64,
    ingested_at        DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY (tenant_id, toYYYYMM(event_time))
ORDER BY (tenant_id, event_type, employee_id, event_time, event_id);

-- Events that reached Kafka later than out-of-orderness + allowed lateness after they happened. Not counted;
-- kept, with when they were received, for period close.
CREATE TABLE IF NOT EXISTS late_events
(
    tenant_id        LowCardinality(String),
    event_type       LowCardinality(String),
    event_id         String,
    event_time       DateTime64(3, 'UTC'),
    received_at      DateTime64(3, 'UTC'),
    reason           LowCardinality(String),
    employee_id      String,
    department_id    String,
    payload_avro     String CODEC(ZSTD(3)),
    kafka_topic      LowCardinality(String),
    kafka_partition  UInt32,
    kafka_offset     UInt64,
    detected_at      DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(detected_at)
PARTITION BY (tenant_id, toYYYYMM(event_time))
ORDER BY (tenant_id, event_type, event_id);

-- Everything that could not be accepted, with the original bytes. Keyed by its Kafka position, so a
-- replay after a crash rewrites the same row instead of adding one: accepted + dead-lettered = produced.
CREATE TABLE IF NOT EXISTS dead_letters
(
    kafka_topic      LowCardinality(String),
    kafka_partition  UInt32,
    kafka_offset     UInt64,
    tenant_id        String,
    reason           LowCardinality(String),
    detail           String,
    event_type       String,
    event_id         String,
    original_bytes   String CODEC(ZSTD(3)),
    record_key       String,
    detected_at      DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(detected_at)
PARTITION BY toYYYYMM(detected_at)
ORDER BY (kafka_topic, kafka_partition, kafka_offset);
