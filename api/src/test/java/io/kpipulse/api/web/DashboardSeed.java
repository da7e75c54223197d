package io.kpipulse.api.web;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A small insurer for the UI test, as of 2026-03-20 in Asia/Shanghai: a head office {@code d-hq} (every
 * value rolls up into it), sales, claims, finance and HR, four sales agents, three months of linkage
 * values and a month of self-reports. Each value is chosen so the page's formatting can be checked by
 * hand: e-1's premium 12,345.67 against a target of 90,000 is 13.7% (critical below 70%).
 */
final class DashboardSeed {

    static final String TENANT = "t-acme";
    static final LocalDate TODAY = LocalDate.parse("2026-03-20");

    private static final String COLUMNS = "INSERT INTO indicator_values (tenant_id, indicator_id, window_type,"
            + " window_start, window_end, subject_type, subject_id, value, numerator, denominator, target,"
            + " attainment, event_count, last_event_time, catalog_version, version, updated_at) VALUES ";

    private final List<String> rows = new ArrayList<>();

    private DashboardSeed() {}

    static ClickHouseConnector create(ClickHouseExtension clickhouse) throws SQLException {
        String db = clickhouse.freshDatabase("api_ui");
        ClickHouseConnector connector = new ClickHouseConnector(clickhouse.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
        DashboardSeed seed = new DashboardSeed();
        seed.values();
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            s.execute(COLUMNS + String.join(",", seed.rows));
            s.execute(RAW_EVENTS);
        }
        return connector;
    }

    /** The SQL of one more version of e-1's March premium, for the live part of the test. */
    static String premiumOfE1(String value, String attainment, long version) {
        return COLUMNS
                + row(
                        "new_policy_premium",
                        "MONTH_TO_DATE",
                        "2026-03-01",
                        "2026-03-31",
                        "EMPLOYEE",
                        "e-1",
                        value,
                        value,
                        null,
                        "90000",
                        attainment,
                        4,
                        version,
                        "now64(3)");
    }

    private void values() {
        // Sales: premium month to date.
        month("new_policy_premium", "DEPARTMENT", "d-hq", "112345.87", null, null, null, 11);
        month("new_policy_premium", "DEPARTMENT", "d-sales", "112345.87", null, null, null, 11);
        month("new_policy_premium", "EMPLOYEE", "e-1", "12345.67", null, "90000", "0.137174", 3);
        month("new_policy_premium", "EMPLOYEE", "e-2", "50000.10", null, "90000", "0.555557", 5);
        month("new_policy_premium", "EMPLOYEE", "e-3", "38000.00", null, "90000", "0.422222", 2);
        month("new_policy_premium", "EMPLOYEE", "e-4", "12000.10", null, "90000", "0.133334", 1);
        month("policies_issued", "DEPARTMENT", "d-hq", "11", null, null, null, 11);
        month("policies_issued", "DEPARTMENT", "d-sales", "11", null, null, null, 11);
        month("policies_issued", "EMPLOYEE", "e-1", "3", null, "12", "0.25", 3);
        // Reimbursements: 84.6% within a working day against 90% is 94% attainment (warn below 95%).
        month("reimbursement_within_1wd", "DEPARTMENT", "d-hq", "0.846", "11", "0.9", "0.94", 13);
        month("reimbursement_within_1wd", "DEPARTMENT", "d-finance", "0.846", "11", "0.9", "0.94", 13);
        // Claims: the catalog's levels for this one are set for employees only, so departments show none.
        month("claim_cycle_time_within_2d", "DEPARTMENT", "d-hq", "0.8", "8", "0.85", "0.941176", 10);
        month("claim_cycle_time_within_2d", "DEPARTMENT", "d-claims", "0.8", "8", "0.85", "0.941176", 10);
        // Finance: payments within a day, 80% against 95% (critical below 85%).
        month("claim_payment_time_within_1d", "DEPARTMENT", "d-hq", "0.8", "4", "0.95", "0.842105", 5);
        month("claim_payment_time_within_1d", "DEPARTMENT", "d-finance", "0.8", "4", "0.95", "0.842105", 5);
        month("claim_payment_time_within_1d", "SERVED_DEPARTMENT", "d-claims", "0.8", "4", "0.95", "0.842105", 5);
        // HR: time to fill 25 days against 30.
        month("time_to_fill", "DEPARTMENT", "d-hq", "25", "2", "30", "1.2", 2);
        month("time_to_fill", "DEPARTMENT", "d-hr", "25", "2", "30", "1.2", 2);
        // Linkage over three months: finance's median payment time seen from claims, and claims' own cycle.
        String[][] months = {{"2026-01-01", "2026-01-31"}, {"2026-02-01", "2026-02-28"}, {"2026-03-01", "2026-03-31"}};
        String[] paymentHours = {"30.5", "26.25", "20.5"};
        String[] cycleDays = {"2.6", "2.2", "1.9"};
        String[] fillDays = {"35", "31", "25"};
        String[] newHireSales = {"12000", "21000", "30000.50"};
        for (int i = 0; i < months.length; i++) {
            String s = months[i][0];
            String e = months[i][1];
            add(
                    "claim_payment_time_median",
                    s,
                    e,
                    "SERVED_DEPARTMENT",
                    "d-claims",
                    paymentHours[i],
                    null,
                    null,
                    null,
                    4);
            add("claim_payment_time_median", s, e, "DEPARTMENT", "d-finance", paymentHours[i], null, null, null, 4);
            add("claim_cycle_time_avg", s, e, "DEPARTMENT", "d-claims", cycleDays[i], "2", "2", null, 10);
            add("time_to_fill", s, e, "SERVED_DEPARTMENT", "d-sales", fillDays[i], "2", "30", null, 2);
            add("new_hire_sales_3m", s, e, "SERVED_DEPARTMENT", "d-sales", newHireSales[i], null, null, null, 3);
        }
        add("claim_payment_time_median", "2026-03-01", "2026-03-31", "DEPARTMENT", "d-hq", "20.5", null, null, null, 4);
        add("claim_cycle_time_avg", "2026-03-01", "2026-03-31", "DEPARTMENT", "d-hq", "1.9", "2", "2", null, 10);
        // Self-reports: e-1 claims 100 records where the CRM verified 80.
        month("customer_records_completed", "EMPLOYEE", "e-1", "80", "100", null, null, 80);
        month("customer_records_completed", "EMPLOYEE", "e-2", "50", "50", null, null, 50);
        month("customer_records_completed", "EMPLOYEE", "e-3", "40", "35", null, null, 40);
        month("customer_records_completed", "DEPARTMENT", "d-sales", "170", "185", null, null, 170);
        month("customer_records_completed", "DEPARTMENT", "d-hq", "170", "185", null, null, 170);
        // The company's daily premium over the last 30 days (the sparkline and the trend chart).
        for (int i = 0; i < 30; i++) {
            String day = TODAY.minusDays(29 - i).toString();
            String value = (2000 + (i * 137) % 1500) + ".00";
            rows.add(row(
                    "new_policy_premium",
                    "DAY",
                    day,
                    day,
                    "DEPARTMENT",
                    "d-hq",
                    value,
                    value,
                    null,
                    null,
                    null,
                    1,
                    10,
                    "'2026-03-20 01:00:00.000'"));
        }
    }

    private void month(
            String indicator,
            String subjectType,
            String subject,
            String value,
            String denominator,
            String target,
            String attainment,
            long events) {
        add(
                indicator,
                "2026-03-01",
                "2026-03-31",
                subjectType,
                subject,
                value,
                denominator,
                target,
                attainment,
                events);
    }

    private void add(
            String indicator,
            String start,
            String end,
            String subjectType,
            String subject,
            String value,
            String denominator,
            String target,
            String attainment,
            long events) {
        rows.add(row(
                indicator,
                "MONTH_TO_DATE",
                start,
                end,
                subjectType,
                subject,
                value,
                value,
                denominator,
                target,
                attainment,
                events,
                10,
                "'2026-03-20 01:00:00.000'"));
    }

    private static String row(
            String indicator,
            String window,
            String start,
            String end,
            String subjectType,
            String subject,
            String value,
            String numerator,
            String denominator,
            String target,
            String attainment,
            long events,
            long version,
            String updatedAt) {
        return "('" + TENANT + "','" + indicator + "','" + window + "','" + start + "','" + end + "','" + subjectType
                + "','" + subject + "'," + value + "," + numerator + "," + denominator + "," + target + ","
                + attainment + "," + events + ",'2026-03-19 01:00:00.000',2," + version + "," + updatedAt + ")";
    }

    private static final String RAW_EVENTS = "INSERT INTO raw_events (tenant_id, event_type, event_id, event_time,"
            + " source_system, employee_id, department_id, schema_fingerprint, payload_json, payload_avro, kafka_topic,"
            + " kafka_partition, kafka_offset, ingested_at) VALUES "
            + "('t-acme','policy.PolicyIssued','ev-101','2026-03-02 02:00:00.000','policy','e-1','d-sales',1,"
            + "'{\"premium\":\"5000.00\",\"firstYear\":true}','','kpi.events.policy',0,101,now64(3)),"
            + "('t-acme','policy.PolicyIssued','ev-102','2026-03-09 03:30:00.000','policy','e-1','d-sales',1,"
            + "'{\"premium\":\"4345.67\",\"firstYear\":true}','','kpi.events.policy',0,102,now64(3)),"
            + "('t-acme','policy.PolicyIssued','ev-103','2026-03-16 06:15:00.000','policy','e-1','d-sales',1,"
            + "'{\"premium\":\"3000.00\",\"firstYear\":true}','','kpi.events.policy',0,103,now64(3))";
}
