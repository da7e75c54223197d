-- Scoring definitions and manager ratings (issue 9). Every table is append-only: a change is a new row
-- with a larger version, never an update; reads take, per key, the newest version of the newest
-- effective_from in force on the day asked (argMax over (effective_from, version)), so the version in force
-- before a change stays readable for the days before it. saved_by / rated_by is the principal's subject.

-- Scorecard templates: definition is the validated JSON form (io.kpipulse.scoring.json.DefinitionJson).
CREATE TABLE IF NOT EXISTS scorecard_templates
(
    tenant_id       LowCardinality(String),
    template_id     String,
    effective_from  Date,
    version         UInt64,
    definition      String CODEC(ZSTD(3)),
    saved_by        String,
    saved_at        DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (tenant_id, template_id, effective_from, version);

-- Which template scores whom: an employee, a position (every employee holding it) or a department (its
-- subtree's employees). The most specific target in force wins: EMPLOYEE, then POSITION, then the nearest
-- DEPARTMENT. template_id '' ends an assignment from effective_from on.
CREATE TABLE IF NOT EXISTS scorecard_assignments
(
    tenant_id       LowCardinality(String),
    target_type     LowCardinality(String),
    target_id       String,
    effective_from  Date,
    version         UInt64,
    template_id     String,
    saved_by        String,
    saved_at        DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (tenant_id, target_type, target_id, effective_from, version);

-- Bonus plans per department subtree (the nearest department with a plan wins); definition as JSON.
CREATE TABLE IF NOT EXISTS bonus_plans
(
    tenant_id       LowCardinality(String),
    department_id   String,
    effective_from  Date,
    version         UInt64,
    definition      String CODEC(ZSTD(3)),
    saved_by        String,
    saved_at        DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (tenant_id, department_id, effective_from, version);

-- Manager ratings per employee and period key (2026-03, 2026-Q1, 2026); the newest version counts.
CREATE TABLE IF NOT EXISTS manager_ratings
(
    tenant_id    LowCardinality(String),
    employee_id  String,
    period       String,
    version      UInt64,
    points       Decimal(9, 2),
    out_of       Decimal(9, 2),
    rated_by     String,
    rated_at     DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (tenant_id, period, employee_id, version);
