package io.kpipulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.finance.ReimbursementPaid;
import io.kpipulse.events.finance.ReimbursementSubmitted;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.ingest.RawRecord;
import io.kpipulse.tenants.TenantRegistry;
import io.kpipulse.testing.CollectingPipelineSinks;
import io.kpipulse.testing.PunctuatedWatermarks;
import io.kpipulse.testing.SharedMiniCluster;
import io.kpipulse.testing.TestEngineConfigs;
import io.kpipulse.testing.TestEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Working-day durations through the whole engine, with a tenant calendar as this market keeps it: the National
 * Day week 2026-10-01..07 off, and two weekend days worked instead (调休: Sunday 2026-09-20 and Saturday
 * 2026-10-10), read from the tenants file. The engine counts a working day as a whole calendar day that is
 * a working day (a weekday that is not a holiday, or a make-up day), so every expectation below is hours of
 * such days, by hand:
 *
 * <ul>
 *   <li>r0, an ordinary week: Tue 09-29 10:00 → Wed 09-30 09:00 = 14 h + 9 h = 23 h;
 *   <li>r1, across the holiday week: Wed 09-30 18:00 → Thu 10-08 12:00 = 6 h + 0 (seven days off) + 12 h = 18 h
 *       (186 h of calendar time; 138 h if only weekends were off);
 *   <li>r2, across the make-up Saturday: Fri 10-09 20:00 → Sun 10-11 08:00 = 4 h + 24 h + 0 = 28 h (4 h if the
 *       Saturday were a day off);
 *   <li>r3, across the make-up Sunday: Sat 09-19 10:00 → Mon 09-21 02:00 = 0 + 24 h + 2 h = 26 h.
 * </ul>
 *
 * "Within 1 working day" is at most 24 such hours: r0 and r1 are, r2 and r3 are not.
 */
class WorkingDayCalendarPipelineTest {

    @RegisterExtension
    static final SharedMiniCluster FLINK = new SharedMiniCluster();

    private static final String T = "t-calendar";
    private static final String TENANTS = "tenants: [{id: " + T + ", zone: Asia/Shanghai,"
            + " holidays: [2026-10-01, 2026-10-02, 2026-10-03, 2026-10-04, 2026-10-05, 2026-10-06, 2026-10-07],"
            + " workdays: [2026-09-20, 2026-10-10]}]";
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    private static final String WITHIN = "reimbursement_within_1wd";
    private static final String P90 = "reimbursement_processing_p90";

    private static List<IndicatorRow> rows;

    @BeforeAll
    static void run() throws Exception {
        TestEvents e = new TestEvents(T);
        List<RawRecord> records = new ArrayList<>();
        records.add(e.record(e.department("d-root", null, "2026-09-01T00:00")));
        records.add(e.record(e.department("d-sales", "d-root", "2026-09-01T00:00")));
        records.add(e.record(e.department("d-finance", "d-root", "2026-09-01T00:00")));
        records.add(e.record(e.hire("e-1", "d-sales", "2026-09-01T09:00")));
        records.add(e.record(e.hire("e-fin1", "d-finance", "2026-09-01T09:00")));
        records.add(e.record(e.hire("e-fin2", "d-finance", "2026-09-01T09:00")));
        // In event-time order, as one source system would send them.
        reimbursement(e, records, "r3", "2026-09-19T10:00", "2026-09-21T02:00", "e-fin2");
        reimbursement(e, records, "r0", "2026-09-29T10:00", "2026-09-30T09:00", "e-fin1");
        reimbursement(e, records, "r1", "2026-09-30T18:00", "2026-10-08T12:00", "e-fin1");
        reimbursement(e, records, "r2", "2026-10-09T20:00", "2026-10-11T08:00", "e-fin2");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        EngineConfig config = TestEngineConfigs.bounded(OUT_OF_ORDERNESS, Duration.ofHours(1));
        CatalogUpdate catalog = CatalogUpdate.of(CatalogYaml.templateLibraryText());
        IndicatorPipeline pipeline = new IndicatorPipeline(config, catalog, TenantRegistry.parse(TENANTS));
        DataStream<RawRecord> source = env.fromData(records, TypeInformation.of(RawRecord.class))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(PunctuatedWatermarks.of(OUT_OF_ORDERNESS))
                .setParallelism(1);
        CollectingPipelineSinks sinks = new CollectingPipelineSinks();
        // A control input that follows the events' watermark, as in PastDatedEventsPipelineTest.
        DataStream<CatalogUpdate> noUpdates =
                source.filter(r -> false).map(r -> catalog).returns(TypeInformation.of(CatalogUpdate.class));
        pipeline.build(source, noUpdates, sinks);
        env.execute("working-day-calendar");
        rows = sinks.rows.results();
    }

    @Test
    void aDurationAcrossTheHolidayWeekCountsOnlyItsWorkingDays() {
        assertEquals(List.of("18.0000", 1L), newest(P90, WindowType.WEEK, "2026-10-05", "e-fin1"));
        assertEquals(List.of("1.0000", 1L), newest(WITHIN, WindowType.DAY, "2026-10-08", "e-fin1"));
    }

    @Test
    void aDurationAcrossAMakeUpSaturdayCountsTheSaturdayAsAWorkingDay() {
        assertEquals(List.of("28.0000", 1L), newest(P90, WindowType.WEEK, "2026-10-05", "e-fin2"));
        assertEquals(List.of("0.0000", 1L), newest(WITHIN, WindowType.DAY, "2026-10-11", "e-fin2"));
    }

    @Test
    void aDurationAcrossAMakeUpSundayCountsTheSundayAsAWorkingDay() {
        assertEquals(List.of("26.0000", 1L), newest(P90, WindowType.WEEK, "2026-09-21", "e-fin2"));
        assertEquals(List.of("0.0000", 1L), newest(WITHIN, WindowType.DAY, "2026-09-21", "e-fin2"));
    }

    @Test
    void anOrdinaryWeekIsUntouchedAndTheDepartmentSharesAddUp() {
        assertEquals(List.of("23.0000", 1L), newest(P90, WindowType.WEEK, "2026-09-28", "e-fin1"));
        assertEquals(List.of("1.0000", 1L), newest(WITHIN, WindowType.DAY, "2026-09-30", "e-fin1"));
        // September: r3 (26 h, no) and r0 (23 h, yes); October: r1 (yes) and r2 (no).
        assertEquals(List.of("0.5000", 2L), newestDepartment(WITHIN, "2026-09-01"));
        assertEquals(List.of("0.5000", 2L), newestDepartment(WITHIN, "2026-10-01"));
    }

    /** The submission by the claimant e-1 in sales, the payment by the finance employee credited with it. */
    private static void reimbursement(
            TestEvents e, List<RawRecord> records, String id, String submitted, String paid, String processor) {
        BigDecimal amount = new BigDecimal("320.00");
        records.add(e.record(ReimbursementSubmitted.newBuilder()
                .setHeader(e.header(SourceSystem.FINANCE, submitted, "e-1", "d-sales"))
                .setReimbursementId(id)
                .setClaimantEmployeeId("e-1")
                .setAmount(amount)
                .setCategory("travel")
                .build()));
        records.add(e.record(ReimbursementPaid.newBuilder()
                .setHeader(e.header(SourceSystem.FINANCE, paid, processor, "d-finance"))
                .setReimbursementId(id)
                .setProcessorId(processor)
                .setAmount(amount)
                .build()));
    }

    private static List<Object> newest(String indicator, WindowType window, String start, String employee) {
        return newest(indicator, window, start, SubjectType.EMPLOYEE, employee);
    }

    private static List<Object> newestDepartment(String indicator, String monthStart) {
        return newest(indicator, WindowType.MONTH_TO_DATE, monthStart, SubjectType.DEPARTMENT, "d-finance");
    }

    private static List<Object> newest(
            String indicator, WindowType window, String start, SubjectType type, String subject) {
        IndicatorRow row = rows.stream()
                .filter(r -> r.tenantId().equals(T)
                        && r.indicatorId().equals(indicator)
                        && r.windowType() == window
                        && r.windowStart().equals(LocalDate.parse(start))
                        && r.subjectType() == type
                        && r.subjectId().equals(subject))
                .max(Comparator.comparingLong(IndicatorRow::version))
                .orElseThrow(() -> new AssertionError(
                        "no " + indicator + " " + window + " row from " + start + " for " + subject));
        return List.of(row.value().toPlainString(), row.eventCount());
    }
}
