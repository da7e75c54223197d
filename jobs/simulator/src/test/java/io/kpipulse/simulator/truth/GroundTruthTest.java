package io.kpipulse.simulator.truth;

import static io.kpipulse.simulator.truth.TinyCompany.E1;
import static io.kpipulse.simulator.truth.TinyCompany.E2;
import static io.kpipulse.simulator.truth.TinyCompany.E3;
import static io.kpipulse.simulator.truth.TinyCompany.ROOT;
import static io.kpipulse.simulator.truth.TinyCompany.SALES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ground truth on a scenario small enough to compute every expected number by hand (see comments). */
class GroundTruthTest {

    private static List<ExpectedValue> truth;

    @BeforeAll
    static void compute() {
        TinyCompany c = new TinyCompany()
                .org()
                // sums and counts: e1 1000.00 + 2000.50 first-year; e2 500.25 first-year + 300.00 renewal
                .policy("2026-03-02T10:00", E1, "1000.00", true)
                .policy("2026-03-03T10:00", E1, "2000.50", true)
                .policy("2026-03-03T11:00", E2, "500.25", true)
                .policy("2026-03-04T11:00", E2, "300.00", false)
                // incidents of e3 (d-001) affecting d-002: 09:00–11:00 on the 3rd (e1's 2000.50 at 10:00 counts,
                // e2's 500.25 at the instant of resolution does not); from 11:00 on the 4th, never resolved
                // (e2's 300.00 at the instant of opening counts, for 3 days at most)
                .incident("inc-1", "2026-03-03T09:00", E3, "2026-03-03T11:00")
                .incident("inc-2", "2026-03-04T11:00", E3, null)
                // lapse rate: e3 lapses one policy and issued none → zero denominator
                .lapse("2026-03-05T12:00", E3)
                // conversion: e1 1 of 1, e2 0 of 3 → d-002 1/4, not the mean of 1.0 and 0.0
                .lead("2026-03-02T09:00", E1, "ld-1", true)
                .lead("2026-03-02T09:10", E2, "ld-2", false)
                .lead("2026-03-02T09:20", E2, "ld-3", false)
                .lead("2026-03-02T09:30", E2, "ld-4", false)
                // pass share: e1 1/1, e2 1/2 → d-002 2/3
                .assessed("2026-03-10T10:00", E1, true)
                .assessed("2026-03-10T10:00", E2, false)
                .assessed("2026-03-11T10:00", E2, true)
                // reimbursements processed by e3, working hours: 18 (Fri 16:00 → Mon 10:00), 30, 2, 4
                .reimbursement("rb-1", "2026-03-06T16:00", E1, "2026-03-09T10:00", E3)
                .reimbursement("rb-2", "2026-03-05T09:00", E2, "2026-03-06T15:00", E3)
                .reimbursement("rb-3", "2026-03-09T09:00", E1, "2026-03-09T11:00", E3)
                .reimbursement("rb-4", "2026-03-10T09:00", E2, "2026-03-10T13:00", E3)
                // claim payments: approved in d-002 by e2, executed by e3 (d-001): 6 h and 24.5 h
                .claimPayment("cl-1", "2026-03-02T10:00", E2, "2026-03-02T16:00", E3)
                .claimPayment("cl-2", "2026-03-03T09:00", E2, "2026-03-04T09:30", E3)
                // first responses of e1: 6 and 15 minutes
                .ticket("tk-1", "2026-03-12T10:00", "2026-03-12T10:06", E1)
                .ticket("tk-2", "2026-03-12T11:00", "2026-03-12T11:15", E1)
                // e3 recruited e2 (who sells 500.25 first-year afterwards) and e1 (who leaves on 20 March)
                .onboarded("2026-03-01T09:00", E3, E2)
                .onboarded("2026-03-01T09:00", E3, E1)
                // CRM verified 2 complete records of e1; e1 claims 5
                .verified("2026-03-13T10:00", E1, true)
                .verified("2026-03-13T11:00", E1, true)
                .verified("2026-03-13T12:00", E1, false)
                .selfReport("2026-03-19T20:00", E1, "2026-03", 5)
                .left("2026-03-20T18:00", E1);
        // a second first response of tk-1 is ignored: only the first end of a key counts
        c.add(io.kpipulse.events.service.TicketFirstResponse.newBuilder()
                .setHeader(
                        c.header(io.kpipulse.events.service.TicketFirstResponse.class, "2026-03-12T12:00", E1, SALES))
                .setTicketId("tk-1")
                .setResponderId(E1)
                .build());
        List<org.apache.avro.specific.SpecificRecord> events = c.events();
        // a repeated event (same id) counts once
        List<org.apache.avro.specific.SpecificRecord> withDuplicate = new java.util.ArrayList<>(events);
        withDuplicate.add(events.get(5));
        truth = GroundTruth.compute(CatalogYaml.templateLibrary(), TinyCompany.calendars(), withDuplicate);
    }

    private static ExpectedValue row(
            String indicator, WindowType window, LocalDate start, SubjectType subject, String id) {
        return find(indicator, window, start, subject, id)
                .orElseThrow(() -> new AssertionError("no row " + indicator + " " + window + " " + subject + " " + id));
    }

    private static Optional<ExpectedValue> find(
            String indicator, WindowType window, LocalDate start, SubjectType subject, String id) {
        return truth.stream()
                .filter(v -> v.indicatorId().equals(indicator)
                        && v.windowType() == window
                        && v.windowStart().equals(start)
                        && v.subjectType() == subject
                        && v.subjectId().equals(id))
                .findFirst();
    }

    private static ExpectedValue mtd(String indicator, SubjectType subject, String id) {
        return row(indicator, WindowType.MONTH_TO_DATE, LocalDate.of(2026, 3, 1), subject, id);
    }

    private static void assertNoMtd(String indicator, SubjectType subject, String id) {
        assertTrue(
                find(indicator, WindowType.MONTH_TO_DATE, LocalDate.of(2026, 3, 1), subject, id)
                        .isEmpty(),
                indicator + " has a month value for " + subject + " " + id);
    }

    private static void assertDecimal(String expected, BigDecimal actual) {
        assertEquals(new BigDecimal(expected), actual, () -> "expected " + expected + " got " + actual);
    }

    @Test
    void sumCreditsFirstYearPremiumToAgentAndEveryAncestor() {
        assertDecimal(
                "3000.50", mtd("new_policy_premium", SubjectType.EMPLOYEE, E1).value());
        assertDecimal(
                "500.25", mtd("new_policy_premium", SubjectType.EMPLOYEE, E2).value());
        assertDecimal(
                "3500.75",
                mtd("new_policy_premium", SubjectType.DEPARTMENT, SALES).value());
        assertDecimal(
                "3500.75",
                mtd("new_policy_premium", SubjectType.DEPARTMENT, ROOT).value());
        assertDecimal("300.00", mtd("renewal_premium", SubjectType.EMPLOYEE, E2).value());
        assertEquals(2, mtd("new_policy_premium", SubjectType.EMPLOYEE, E1).itemCount());
    }

    @Test
    void monthTargetInTheFirstQuarterIsThePeakOverride() {
        ExpectedValue e1 = mtd("new_policy_premium", SubjectType.EMPLOYEE, E1);
        assertDecimal("90000", e1.target());
        assertDecimal("0.0333", e1.attainment()); // 3000.50 / 90000 = 0.03333…
    }

    @Test
    void countCountsEveryPolicy() {
        assertDecimal("2", mtd("policies_issued", SubjectType.EMPLOYEE, E1).value());
        assertDecimal("4", mtd("policies_issued", SubjectType.DEPARTMENT, SALES).value());
        assertDecimal(
                "2",
                row("policies_issued", WindowType.DAY, LocalDate.of(2026, 3, 3), SubjectType.DEPARTMENT, SALES)
                        .value());
        // rolling windows: the instance ending on the as-of day (20 March, the last accepted event)
        ExpectedValue rolling =
                row("policies_issued", WindowType.ROLLING_30D, LocalDate.of(2026, 2, 19), SubjectType.DEPARTMENT, ROOT);
        assertEquals(LocalDate.of(2026, 3, 20), rolling.windowEnd());
        assertDecimal("4", rolling.value());
        assertEquals(
                Optional.empty(),
                find("policies_issued", WindowType.ROLLING_7D, LocalDate.of(2026, 3, 14), SubjectType.DEPARTMENT, ROOT),
                "no policy in 14..20 March, so no row");
        assertDecimal(
                "2",
                row("policies_issued", WindowType.ROLLING_30D, LocalDate.of(2026, 2, 19), SubjectType.EMPLOYEE, E1)
                        .value());
    }

    @Test
    void ratioWithZeroDenominatorHasNoValue() {
        ExpectedValue e3 = mtd("policy_lapse_rate", SubjectType.EMPLOYEE, E3);
        assertNull(e3.value());
        assertDecimal("1", e3.numerator());
        assertDecimal("0", e3.denominator());
        assertNull(e3.attainment());
        // root: 1 lapse over 4 policies of its subtree; d-002: none of 4
        assertDecimal(
                "0.2500", mtd("policy_lapse_rate", SubjectType.DEPARTMENT, ROOT).value());
        assertDecimal(
                "0.0000",
                mtd("policy_lapse_rate", SubjectType.DEPARTMENT, SALES).value());
    }

    @Test
    void departmentRatioIsComputedFromItemsNotAveragedOverEmployees() {
        assertDecimal(
                "1.0000", mtd("lead_conversion_rate", SubjectType.EMPLOYEE, E1).value());
        assertDecimal(
                "0.0000", mtd("lead_conversion_rate", SubjectType.EMPLOYEE, E2).value());
        ExpectedValue dept = mtd("lead_conversion_rate", SubjectType.DEPARTMENT, SALES);
        assertDecimal("0.2500", dept.value());
        assertDecimal("1", dept.numerator());
        assertDecimal("4", dept.denominator());
        assertDecimal("2.5000", dept.attainment()); // 0.25 / target 0.10
    }

    @Test
    void shareCountsItemsMeetingTheCondition() {
        assertDecimal(
                "0.5000", mtd("training_pass_rate", SubjectType.EMPLOYEE, E2).value());
        assertDecimal(
                "0.6667",
                mtd("training_pass_rate", SubjectType.DEPARTMENT, SALES).value());
    }

    @Test
    void reimbursementTimeCountsWorkingDaysOnly() {
        ExpectedValue within = mtd("reimbursement_within_1wd", SubjectType.EMPLOYEE, E3);
        assertDecimal("0.7500", within.value()); // 18 h over the weekend counts as within 1 working day; 30 h not
        assertDecimal("3", within.numerator());
        assertDecimal("4", within.denominator());
        assertDecimal(
                "30.0000",
                mtd("reimbursement_processing_p90", SubjectType.EMPLOYEE, E3).value());
        // week of Monday 9 March: 2, 4, 18 h → ⌈0.9·3⌉ = 3rd smallest
        assertDecimal(
                "18.0000",
                row("reimbursement_processing_p90", WindowType.WEEK, LocalDate.of(2026, 3, 9), SubjectType.EMPLOYEE, E3)
                        .value());
        // attributed to the processor (END): e1 and e2 submitted but have no value
        assertEquals(
                Optional.empty(),
                find(
                        "reimbursement_within_1wd",
                        WindowType.MONTH_TO_DATE,
                        LocalDate.of(2026, 3, 1),
                        SubjectType.EMPLOYEE,
                        E1));
    }

    @Test
    void medianOfAnEvenNumberIsTheMeanOfTheMiddleTwo() {
        assertDecimal(
                "15.2500",
                mtd("claim_payment_time_median", SubjectType.EMPLOYEE, E3).value()); // (6 + 24.5) / 2
        assertDecimal(
                "0.5000",
                mtd("claim_payment_time_within_1d", SubjectType.EMPLOYEE, E3).value());
    }

    @Test
    void servedDepartmentIsTheApproversDepartmentAndItsAncestors() {
        ExpectedValue served = mtd("claim_payment_time_median", SubjectType.SERVED_DEPARTMENT, SALES);
        assertDecimal("15.2500", served.value());
        assertDecimal(
                "15.2500",
                mtd("claim_payment_time_median", SubjectType.SERVED_DEPARTMENT, ROOT)
                        .value());
        // the executing side (finance in d-001) is the department subject; d-002 executed nothing
        assertDecimal(
                "15.2500",
                mtd("claim_payment_time_median", SubjectType.DEPARTMENT, ROOT).value());
        assertEquals(
                Optional.empty(),
                find(
                        "claim_payment_time_median",
                        WindowType.MONTH_TO_DATE,
                        LocalDate.of(2026, 3, 1),
                        SubjectType.DEPARTMENT,
                        SALES));
    }

    @Test
    void averageDurationUsesOnlyTheFirstEndOfAKey() {
        ExpectedValue avg = mtd("ticket_first_response_avg", SubjectType.EMPLOYEE, E1);
        assertDecimal("10.5000", avg.value()); // (6 + 15) / 2 minutes; the second response of tk-1 is ignored
        assertDecimal("1260000", avg.numerator());
        assertDecimal("2", avg.denominator());
        assertDecimal("0.9524", avg.attainment()); // lower is better: 10 / 10.5
        assertDecimal(
                "0.5000",
                mtd("ticket_first_response_within_10m", SubjectType.EMPLOYEE, E1)
                        .value());
    }

    @Test
    void followUpCreditsTheRecruiterAndServesTheSellersDepartment() {
        // both hires were onboarded on 1 March 09:00: 1000.00 + 2000.50 (e1) + 500.25 (e2); renewal excluded
        ExpectedValue recruiter = mtd("new_hire_sales_3m", SubjectType.EMPLOYEE, E3);
        assertDecimal("3500.75", recruiter.value());
        assertEquals(3, recruiter.itemCount());
        assertDecimal(
                "3500.75",
                mtd("new_hire_sales_3m", SubjectType.DEPARTMENT, ROOT).value());
        assertDecimal(
                "3500.75",
                mtd("new_hire_sales_3m", SubjectType.SERVED_DEPARTMENT, SALES).value());
        // credited to the recruiter, not to the sellers
        assertNoMtd("new_hire_sales_3m", SubjectType.EMPLOYEE, E1);
        assertNoMtd("new_hire_sales_3m", SubjectType.DEPARTMENT, SALES);
    }

    @Test
    void salesDuringIncidentsAreCreditedToTheOwnerAndServeTheAffectedDepartment() {
        ExpectedValue owner = mtd("sales_during_incidents", SubjectType.EMPLOYEE, E3);
        assertDecimal("2300.50", owner.value());
        assertEquals(2, owner.itemCount());
        assertDecimal(
                "2300.50",
                mtd("sales_during_incidents", SubjectType.DEPARTMENT, ROOT).value());
        assertDecimal(
                "2300.50",
                mtd("sales_during_incidents", SubjectType.SERVED_DEPARTMENT, SALES)
                        .value());
        assertDecimal(
                "2000.50",
                row(
                                "sales_during_incidents",
                                WindowType.DAY,
                                LocalDate.of(2026, 3, 3),
                                SubjectType.SERVED_DEPARTMENT,
                                SALES)
                        .value());
        // credited to the incident's owner, not to the sellers or their department
        assertNoMtd("sales_during_incidents", SubjectType.EMPLOYEE, E1);
        assertNoMtd("sales_during_incidents", SubjectType.DEPARTMENT, SALES);
    }

    @Test
    void retentionDecidesOnlyAnchorsThatExitedOrReachedTheHorizon() {
        ExpectedValue r = mtd("new_hire_retention_3m", SubjectType.EMPLOYEE, E3);
        assertDecimal("0.0000", r.value()); // e1 left within 90 days; e2 is not decided yet
        assertEquals(1, r.itemCount());
        assertDecimal("0", r.numerator());
        assertDecimal("1", r.denominator());
    }

    @Test
    void selfReportKeepsTheSystemCountAsValueAndTheClaimBesideIt() {
        ExpectedValue e1 = mtd("customer_records_completed", SubjectType.EMPLOYEE, E1);
        assertDecimal("2", e1.value());
        assertDecimal("5", e1.denominator());
        assertDecimal(
                "5",
                mtd("customer_records_completed", SubjectType.DEPARTMENT, SALES).denominator());
    }
}
