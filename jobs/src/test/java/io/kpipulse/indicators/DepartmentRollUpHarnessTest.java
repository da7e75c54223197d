package io.kpipulse.indicators;

import static io.kpipulse.indicators.IndicatorHarness.E1;
import static io.kpipulse.indicators.IndicatorHarness.E2;
import static io.kpipulse.indicators.IndicatorHarness.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.indicators.IndicatorHarness.Who;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A department's value is computed from every item of its subtree (catalog README: Subjects), never
 * from its children's values: items are addressed to each ancestor (SubjectFanOut) and each department
 * keeps its own windows. The examples are chosen so that an average of averages, or a median of
 * medians, would give another number. e-1 works in d-team and e-2 in d-other, both below d-root.
 */
class DepartmentRollUpHarnessTest {

    private static final String MONTH = "2026-03-01";

    private final IndicatorHarness h = new IndicatorHarness(
            TestIndicator.catalog(
                    TestIndicator.of(
                            "rate",
                            "{type: ratio, numerator: {type: count, event: crm.LeadConverted},"
                                    + " denominator: {type: count, event: crm.LeadCreated}}"),
                    TestIndicator.of("average", "{type: average, event: policy.PolicyIssued, value: premium}")
                            .targetRule("from: 2026-01-01, target: 20")
                            .targetRule("from: 2026-01-01, department: d-team, target: 10"),
                    TestIndicator.of("count", "{type: count, event: policy.PolicyIssued}")
                            .scale(0),
                    TestIndicator.of(
                            "median",
                            "{type: duration, start: {event: claims.ClaimApproved, key: claimId},"
                                    + " end: {event: finance.ClaimPaymentExecuted, key: claimId}, statistic: MEDIAN, unit: HOURS}")));

    DepartmentRollUpHarnessTest() throws Exception {}

    @AfterEach
    void nothingIsLeftOnceEveryWindowIsFinal() throws Exception {
        h.assertNothingLeftAt("2027-06-01T00:00");
        h.close();
    }

    private IndicatorRow department(String indicator, String id) {
        return h.row(indicator, WindowType.MONTH_TO_DATE, MONTH, SubjectType.DEPARTMENT, id);
    }

    private IndicatorRow employee(String indicator, String id) {
        return h.row(indicator, WindowType.MONTH_TO_DATE, MONTH, SubjectType.EMPLOYEE, id);
    }

    @Test
    void aRatioOfASubtreeIsItsSummedSidesNotTheMeanOfItsChildrensRatios() throws Exception {
        h.send(
                h.numerator("rate", E1, "2026-03-02T10:00", "1"),
                h.denominator("rate", E1, "2026-03-02T10:00", "1"),
                h.numerator("rate", E2, "2026-03-02T10:00", "1"));
        for (int i = 0; i < 3; i++) {
            h.send(h.denominator("rate", E2, "2026-03-03T10:00", "1"));
        }
        h.flush();
        assertThat(department("rate", "d-team")).value("1.0000").numerator("1").denominator("1");
        assertThat(department("rate", "d-other")).value("0.3333").numerator("1").denominator("3");
        // (1 + 1) / (1 + 3) = 0.5, where the mean of 1 and 1/3 would be 0.6667.
        assertThat(department("rate", "d-root"))
                .value("0.5000")
                .numerator("2")
                .denominator("4")
                .events(6);
    }

    @Test
    void anAverageOfASubtreeWeighsEveryItemAndEachDepartmentHasItsOwnTarget() throws Exception {
        h.send(h.value("average", E1, "2026-03-02T10:00", "10"));
        for (int i = 0; i < 3; i++) {
            h.send(h.value("average", E2, "2026-03-03T10:00", "1"));
        }
        h.flush();
        // (10 + 1 + 1 + 1) / 4 = 3.25, not (10 + 1) / 2. d-team has a target of its own (10); the others 20.
        assertThat(department("average", "d-root"))
                .value("3.2500")
                .numerator("13")
                .denominator("4")
                .target("20")
                .attainment("0.1625");
        assertThat(department("average", "d-team"))
                .value("10.0000")
                .target("10")
                .attainment("1.0000");
        assertThat(employee("average", "e-1")).target("10");
        assertThat(department("average", "d-other")).value("1.0000").target("20");
    }

    @Test
    void aMedianOfASubtreeIsTheMedianOfAllItsDurations() throws Exception {
        // e-1 pays one claim in 1 h; e-2 pays two, in 2 h and 10 h.
        List<List<Object>> payments = List.of(List.of("e-1", 1), List.of("e-2", 2), List.of("e-2", 10));
        LocalDateTime approved = LocalDateTime.parse("2026-03-02T08:00");
        for (int i = 0; i < payments.size(); i++) {
            String key = "c-" + i;
            String employee = (String) payments.get(i).get(0);
            LocalDateTime paid = approved.plusHours((Integer) payments.get(i).get(1));
            h.send(
                    h.side("median", Role.DURATION_START, key, approved.toString(), "e-claims", null),
                    h.side("median", Role.DURATION_END, key, paid.toString(), employee, null));
        }
        h.advanceTo("2026-03-03T00:00");
        h.flush();
        assertThat(employee("median", "e-1")).value("1.0000");
        assertThat(employee("median", "e-2")).value("6.0000");
        // Median of 1, 2 and 10 h: 2 h (the medians' mean would be 3.5 h).
        assertThat(department("median", "d-root"))
                .value("2.0000")
                .denominator("3")
                .events(3);
    }

    @Test
    void workOfNoEmployeeCountsForTheDepartmentAndEveryAncestor() throws Exception {
        Who budgetLine = Who.department("d-leaf", "d-mid", "d-root");
        h.send(h.one("count", budgetLine, "2026-03-02T10:00"), h.one("count", E1, "2026-03-02T11:00"));
        h.flush();
        assertEquals(
                List.of("d-leaf=1", "d-mid=1", "d-root=2", "d-team=1"),
                h.rows().stream()
                        .filter(r -> r.indicatorId().equals("count") && r.subjectType() == SubjectType.DEPARTMENT)
                        .map(r -> r.subjectId() + "=" + r.value())
                        .sorted()
                        .toList());
        assertEquals(
                List.of("e-1"),
                h.rows().stream()
                        .filter(r -> r.indicatorId().equals("count") && r.subjectType() == SubjectType.EMPLOYEE)
                        .map(IndicatorRow::subjectId)
                        .toList(),
                "no employee row for work of no employee");
    }
}
