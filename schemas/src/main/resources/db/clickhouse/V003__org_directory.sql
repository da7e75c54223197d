-- The org directory as effective-dated time lines: one row per accepted org event (per change, with the
-- instant it takes effect), never updated. A change counts from its event time on, exactly as the engine's
-- directory applies it; the state on a day is the newest row at or before that instant. The key is the
-- entity and valid_from, so a replayed event rewrites its own row; version is the event's Kafka offset,
-- so of two changes at the same instant the later-sent one wins, as in the engine's directory.
-- Personal data (names, base pay) is in its own table, so it can be granted separately.

-- Employees: where they work, in which position, for whom. change = HIRED | MOVED | LEFT; a LEFT row keeps
-- the department left and has empty position and manager. business_date is the date the source system
-- recorded (hire date, effective date, leave date), informational: the line follows valid_from.
CREATE TABLE IF NOT EXISTS org_employee_lines
(
    tenant_id      LowCardinality(String),
    employee_id    String,
    valid_from     DateTime64(3, 'UTC'),
    change         LowCardinality(String),
    department_id  String,
    position       String,
    manager_id     String,
    business_date  Date,
    event_id       String,
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, employee_id, valid_from);

-- Personal data of a hire: display name and monthly base pay (CNY, exact). Never logged.
CREATE TABLE IF NOT EXISTS org_employee_personal
(
    tenant_id      LowCardinality(String),
    employee_id    String,
    valid_from     DateTime64(3, 'UTC'),
    name           String,
    base_pay       Decimal(18, 2),
    hire_date      Date,
    event_id       String,
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, employee_id, valid_from);

-- Departments. change = CREATED | RENAMED | REPARENTED; a row sets only what its change says: name on
-- CREATED and RENAMED, parent_id ('' = root) on CREATED and REPARENTED, type and function on CREATED.
CREATE TABLE IF NOT EXISTS org_department_lines
(
    tenant_id        LowCardinality(String),
    department_id    String,
    valid_from       DateTime64(3, 'UTC'),
    change           LowCardinality(String),
    name             String,
    parent_id        String,
    department_type  LowCardinality(String),
    function         LowCardinality(String),
    event_id         String,
    version          UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, department_id, valid_from);

-- A support department serving a business department, from valid_from on (active = 1) or no more (0).
CREATE TABLE IF NOT EXISTS org_support_links
(
    tenant_id               LowCardinality(String),
    support_department_id   String,
    business_department_id  String,
    valid_from              DateTime64(3, 'UTC'),
    active                  UInt8,
    effective_date          Date,
    event_id                String,
    version                 UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, support_department_id, business_department_id, valid_from);
