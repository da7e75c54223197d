package io.kpipulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.events.policy.PolicyIssued;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.ingest.ArchivedEvent;
import io.kpipulse.ingest.DeadLetter;
import io.kpipulse.ingest.LateEvent;
import io.kpipulse.ingest.RawRecord;
import io.kpipulse.ingest.RejectionReason;
import io.kpipulse.org.DepartmentFact;
import io.kpipulse.org.EmployeeFact;
import io.kpipulse.org.SourcedOrgFact;
import io.kpipulse.tenants.TenantRegistry;
import io.kpipulse.testing.CollectingPipelineSinks;
import io.kpipulse.testing.PunctuatedWatermarks;
import io.kpipulse.testing.SharedMiniCluster;
import io.kpipulse.testing.TestEngineConfigs;
import io.kpipulse.testing.TestEvents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole engine on a MiniCluster at parallelism 2, fed a hand-built month with a duplicate, a
 * malformed record, an unknown employee and a late record; every expected number is worked out by hand
 * in the comments.
 */
class IndicatorPipelineTest {

    @RegisterExtension
    static final SharedMiniCluster FLINK = new SharedMiniCluster();

    private static final String T = "t-test";
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    private static List<IndicatorRow> rows;
    private static List<DeadLetter> deadLetters;
    private static List<LateEvent> late;
    private static List<ArchivedEvent> archived;
    private static List<SourcedOrgFact> orgFacts;
    private static int produced;

    @BeforeAll
    static void runTheMonth() throws Exception {
        TestEvents e = new TestEvents(T);
        List<RawRecord> records = new ArrayList<>();
        records.add(e.record(e.department("d-root", null, "2026-02-01T00:00")));
        records.add(e.record(e.department("d-sales", "d-root", "2026-02-01T00:00")));
        records.add(e.record(e.department("d-fin", "d-root", "2026-02-01T00:00")));
        records.add(e.record(e.department("d-claims", "d-root", "2026-02-01T00:00")));
        records.add(e.record(e.department("d-it", "d-root", "2026-02-01T00:00")));
        records.add(e.record(e.hire("e-1", "d-sales", "2026-02-01T09:00")));
        records.add(e.record(e.hire("e-2", "d-sales", "2026-02-01T09:00")));
        records.add(e.record(e.hire("e-3", "d-fin", "2026-02-01T09:00")));
        records.add(e.record(e.hire("e-4", "d-claims", "2026-02-01T09:00")));
        records.add(e.record(e.hire("e-5", "d-it", "2026-02-01T09:00")));
        PolicyIssued first = e.policy("e-1", "d-sales", "2026-03-03T10:00", "1000.00", true);
        records.add(e.record(first));
        records.add(e.record(e.claimApproved("c-1", "e-4", "d-claims", "2026-03-05T10:00")));
        records.add(e.record(e.paymentExecuted("c-1", "e-3", "d-fin", "2026-03-05T20:00"))); // 10 h: within 1 day
        records.add(e.record(e.claimApproved("c-2", "e-4", "d-claims", "2026-03-06T09:00")));
        records.add(e.record(first)); // duplicate: same event id, counts once
        records.add(e.raw(
                SourceTopics.POLICY,
                T + "|e-1",
                "not avro".getBytes(StandardCharsets.UTF_8),
                TestEvents.at("2026-03-07T00:00").toEpochMilli()));
        records.add(e.record(e.paymentExecuted("c-2", "e-3", "d-fin", "2026-03-08T09:00"))); // 48 h: not within
        records.add(e.record(e.policy("e-1", "d-sales", "2026-03-10T11:00", "2500.50", true)));
        records.add(e.record(e.incidentOpened("inc-1", "e-5", "d-it", "2026-03-10T11:30", "d-sales")));
        records.add(e.record(e.policy("e-2", "d-sales", "2026-03-10T12:00", "700.00", true))); // during inc-1
        records.add(e.record(e.incidentResolved("inc-1", "e-5", "d-it", "2026-03-10T12:30")));
        records.add(e.record(e.policy("e-1", "d-sales", "2026-03-11T12:00", "300.00", false))); // renewal
        records.add(e.record(e.policy("e-99", "d-sales", "2026-03-12T12:00", "999.00", true))); // unknown employee
        records.add(e.record(e.policy("e-2", "d-sales", "2026-03-20T12:00", "100.00", true)));
        // Happened on the 1st, reached Kafka on the 20th: late, not counted, kept in late_events.
        records.add(e.receivedAt(
                e.policy("e-2", "d-sales", "2026-03-01T12:00", "55.00", true),
                TestEvents.at("2026-03-20T12:00").toEpochMilli()));
        produced = records.size();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        EngineConfig config = TestEngineConfigs.bounded(OUT_OF_ORDERNESS, Duration.ofHours(1));
        TenantRegistry tenants = TenantRegistry.parse("tenants: [{id: " + T + "}]");
        CatalogUpdate catalog = CatalogUpdate.of(CatalogYaml.templateLibraryText());
        IndicatorPipeline pipeline = new IndicatorPipeline(config, catalog, tenants);

        DataStream<RawRecord> source = env.fromData(records, TypeInformation.of(RawRecord.class))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(PunctuatedWatermarks.of(OUT_OF_ORDERNESS))
                .setParallelism(1);
        // The control topic re-sends the running version: nothing changes.
        DataStream<CatalogUpdate> noUpdates = env.fromData(List.of(catalog), TypeInformation.of(CatalogUpdate.class));
        CollectingPipelineSinks sinks = new CollectingPipelineSinks();
        pipeline.build(source, noUpdates, sinks);
        env.execute("pipeline-test");
        rows = sinks.rows.results();
        deadLetters = sinks.deadLetters.results();
        late = sinks.late.results();
        archived = sinks.archived.results();
        orgFacts = sinks.orgFacts.results();
    }

    /** The newest row (highest version) of one value. */
    private static Optional<IndicatorRow> latest(
            String indicator, WindowType window, LocalDate start, SubjectType type, String id) {
        return rows.stream()
                .filter(r -> r.indicatorId().equals(indicator)
                        && r.windowType() == window
                        && r.windowStart().equals(start)
                        && r.subjectType() == type
                        && r.subjectId().equals(id))
                .max(Comparator.comparingLong(IndicatorRow::version));
    }

    private static BigDecimal value(String indicator, WindowType window, String start, SubjectType type, String id) {
        return latest(indicator, window, LocalDate.parse(start), type, id)
                .orElseThrow(() -> new AssertionError(
                        "no row for " + indicator + " " + window + " " + start + " " + type + " " + id))
                .value();
    }

    @Test
    void newPolicyPremiumSumsFirstYearPremiumPerEmployeeAndDepartmentSubtree() {
        // e-1: 1000.00 + 2500.50 (the renewal does not count, the duplicate counts once); e-2: 700 + 100.
        assertEquals(
                new BigDecimal("3500.50"),
                value("new_policy_premium", WindowType.MONTH_TO_DATE, "2026-03-01", SubjectType.EMPLOYEE, "e-1"));
        assertEquals(
                new BigDecimal("800.00"),
                value("new_policy_premium", WindowType.MONTH_TO_DATE, "2026-03-01", SubjectType.EMPLOYEE, "e-2"));
        assertEquals(
                new BigDecimal("4300.50"),
                value("new_policy_premium", WindowType.MONTH_TO_DATE, "2026-03-01", SubjectType.DEPARTMENT, "d-sales"));
        assertEquals(
                new BigDecimal("4300.50"),
                value("new_policy_premium", WindowType.MONTH_TO_DATE, "2026-03-01", SubjectType.DEPARTMENT, "d-root"));
        assertEquals(
                new BigDecimal("2500.50"),
                value("new_policy_premium", WindowType.DAY, "2026-03-10", SubjectType.EMPLOYEE, "e-1"));
        // Week of Monday 2026-03-09: e-1's 2500.50 and e-2's 700.00 on the 10th.
        assertEquals(
                new BigDecimal("3200.50"),
                value("new_policy_premium", WindowType.WEEK, "2026-03-09", SubjectType.DEPARTMENT, "d-sales"));
    }

    @Test
    void targetAndAttainmentFollowTheQ1Override() {
        IndicatorRow row = latest(
                        "new_policy_premium",
                        WindowType.MONTH_TO_DATE,
                        LocalDate.parse("2026-03-01"),
                        SubjectType.EMPLOYEE,
                        "e-1")
                .orElseThrow();
        assertEquals(0, new BigDecimal("90000").compareTo(row.target()));
        assertEquals(new BigDecimal("0.0389"), row.attainment()); // 3500.50 / 90000 = 0.038894…
    }

    @Test
    void claimPaymentTimeIsCreditedToFinanceAndToTheServedClaimsDepartment() {
        // c-1 paid in 10 h (within 1 day), c-2 in 48 h: 1 of 2.
        assertEquals(
                new BigDecimal("0.5000"),
                value(
                        "claim_payment_time_within_1d",
                        WindowType.MONTH_TO_DATE,
                        "2026-03-01",
                        SubjectType.EMPLOYEE,
                        "e-3"));
        assertEquals(
                new BigDecimal("0.5000"),
                value(
                        "claim_payment_time_within_1d",
                        WindowType.MONTH_TO_DATE,
                        "2026-03-01",
                        SubjectType.DEPARTMENT,
                        "d-fin"));
        assertEquals(
                new BigDecimal("0.5000"),
                value(
                        "claim_payment_time_within_1d",
                        WindowType.MONTH_TO_DATE,
                        "2026-03-01",
                        SubjectType.SERVED_DEPARTMENT,
                        "d-claims"));
        // Median of 10 h and 48 h = 29 h.
        assertEquals(
                new BigDecimal("29.0000"),
                value(
                        "claim_payment_time_median",
                        WindowType.MONTH_TO_DATE,
                        "2026-03-01",
                        SubjectType.DEPARTMENT,
                        "d-fin"));
        assertTrue(
                latest(
                                "claim_payment_time_within_1d",
                                WindowType.MONTH_TO_DATE,
                                LocalDate.parse("2026-03-01"),
                                SubjectType.DEPARTMENT,
                                "d-claims")
                        .isEmpty(),
                "the claims department is a served department of this indicator, not a credited one");
    }

    @Test
    void salesDuringAnIncidentAreCreditedToItsOwnerAndServeTheAffectedDepartment() {
        // inc-1 affected d-sales from 11:30 to 12:30 on the 10th: e-2's 700.00 at 12:00 only.
        for (String[] subject : new String[][] {
            {"EMPLOYEE", "e-5"},
            {"DEPARTMENT", "d-it"},
            {"DEPARTMENT", "d-root"},
            {"SERVED_DEPARTMENT", "d-sales"},
            {"SERVED_DEPARTMENT", "d-root"}
        }) {
            assertEquals(
                    new BigDecimal("700.00"),
                    value(
                            "sales_during_incidents",
                            WindowType.MONTH_TO_DATE,
                            "2026-03-01",
                            SubjectType.valueOf(subject[0]),
                            subject[1]),
                    subject[1]);
        }
        assertTrue(
                latest(
                                "sales_during_incidents",
                                WindowType.MONTH_TO_DATE,
                                LocalDate.parse("2026-03-01"),
                                SubjectType.EMPLOYEE,
                                "e-2")
                        .isEmpty(),
                "the seller is not credited");
    }

    @Test
    void everyProducedRecordIsAcceptedRejectedLateOrADuplicate() {
        Map<RejectionReason, Long> reasons =
                deadLetters.stream().collect(Collectors.groupingBy(DeadLetter::reason, Collectors.counting()));
        assertEquals(Map.of(RejectionReason.NOT_SINGLE_OBJECT, 1L, RejectionReason.UNKNOWN_EMPLOYEE, 1L), reasons);
        assertEquals(1, late.size());
        assertEquals(
                archived.size(),
                archived.stream().map(ArchivedEvent::eventId).distinct().count(),
                "archived once each");
        int duplicates = 1;
        assertEquals(produced, archived.size() + deadLetters.size() + late.size() + duplicates);
    }

    @Test
    void theMonthRanOnTheSharedClusterEvenThoughItWasSubmittedBeforeAnyTest() throws Exception {
        assertTrue(FLINK.miniCluster().listJobs().get().stream()
                .anyMatch(j -> j.getJobName().equals("pipeline-test")));
    }

    @Test
    void policiesIssuedCountsRenewalsToo() {
        assertEquals(
                new BigDecimal("3"),
                value("policies_issued", WindowType.MONTH_TO_DATE, "2026-03-01", SubjectType.EMPLOYEE, "e-1"));
        assertEquals(
                new BigDecimal("5"),
                value("policies_issued", WindowType.YEAR_TO_DATE, "2026-01-01", SubjectType.DEPARTMENT, "d-root"));
    }

    @Test
    void theOrgDirectoryGetsOneFactPerAcceptedOrgEventAndNothingElse() {
        // 5 departments created and 5 hires; no policy, claim or incident event is an org fact.
        assertEquals(10, orgFacts.size());
        assertEquals(
                5,
                orgFacts.stream()
                        .filter(f -> f.fact() instanceof DepartmentFact)
                        .count());
        assertEquals(
                List.of("e-1", "e-2", "e-3", "e-4", "e-5"),
                orgFacts.stream()
                        .map(SourcedOrgFact::fact)
                        .filter(f -> f instanceof EmployeeFact)
                        .map(f -> ((EmployeeFact) f).employeeId())
                        .sorted()
                        .toList());
        assertEquals(
                10, orgFacts.stream().map(SourcedOrgFact::eventId).distinct().count());
    }
}
