-- MBO objectives and 360° review answers (issue 9). Append-only like V007: a change is a new row with a
-- larger version; reads take the newest version per key.

-- One subject's objective set for a period (EMPLOYEE, or DEPARTMENT: the root department's are the
-- company's), saved whole by its manager or HR; definition is the validated JSON form (ObjectiveJson).
CREATE TABLE IF NOT EXISTS mbo_objectives
(
    tenant_id     LowCardinality(String),
    period        String,
    subject_type  LowCardinality(String),
    subject_id    String,
    version       UInt64,
    definition    String CODEC(ZSTD(3)),
    saved_by      String,
    saved_at      DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (tenant_id, period, subject_type, subject_id, version);

-- One rater's answers about one reviewee for a period (the newest version per rater counts). rater_id stays
-- in this table: it counts distinct raters for the minimum-raters rule and is never selected by any read
-- that leaves the server. answers: JSON object competency -> score 1..5.
CREATE TABLE IF NOT EXISTS review_360_answers
(
    tenant_id     LowCardinality(String),
    period        String,
    reviewee_id   String,
    rater_id      String,
    version       UInt64,
    relationship  LowCardinality(String),
    answers       String,
    submitted_at  DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (tenant_id, period, reviewee_id, rater_id, version);
