package io.kpipulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.events.EventHeaders;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.ingest.ArchivedEvent;
import io.kpipulse.ingest.LateEvent;
import io.kpipulse.ingest.RawRecord;
import io.kpipulse.tenants.TenantRegistry;
import io.kpipulse.testing.CollectingPipelineSinks;
import io.kpipulse.testing.PunctuatedWatermarks;
import io.kpipulse.testing.RollingFromDays;
import io.kpipulse.testing.SharedMiniCluster;
import io.kpipulse.testing.TestEngineConfigs;
import io.kpipulse.testing.TestEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8's past-dated sale through the whole engine on a MiniCluster at parallelism 2: an agent hired
 * in November sells 100.00 on 2026-11-24 (record stamped 100 ms after the event, so not late), a live
 * event moves the watermark to 1 December, then a second sale of 100.00 dated 2026-11-24 arrives, also
 * stamped 100 ms after its time. Within the horizon both count in every window; beyond it the second is
 * late, in no window, and kept in late_events. Either way no window is left half-updated and no two rows
 * of one key share a version.
 */
class PastDatedEventsPipelineTest {

    @RegisterExtension
    static final SharedMiniCluster FLINK = new SharedMiniCluster();

    private static final String T = "t-test";
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    private static final String PREMIUM = "new_policy_premium";

    private record Run(List<IndicatorRow> rows, List<LateEvent> late, List<ArchivedEvent> archived, int produced) {

        IndicatorRow rolling7d(String asOf) {
            return RollingFromDays.assemble(
                    rows,
                    CatalogYaml.templateLibrary().find(PREMIUM).orElseThrow(),
                    WindowType.ROLLING_7D,
                    LocalDate.parse(asOf),
                    SubjectType.EMPLOYEE,
                    "e-1");
        }

        IndicatorRow newest(WindowType window, String start) {
            return rows.stream()
                    .filter(r -> r.indicatorId().equals(PREMIUM)
                            && r.windowType() == window
                            && r.windowStart().equals(LocalDate.parse(start))
                            && r.subjectType() == SubjectType.EMPLOYEE
                            && r.subjectId().equals("e-1"))
                    .max(Comparator.comparingLong(IndicatorRow::version))
                    .orElseThrow(() -> new AssertionError("no " + window + " row from " + start));
        }
    }

    @Test
    void pastDatedEventWithinTheHorizonCountsInEveryWindowThatContainsIt() throws Exception {
        Run run = run(Duration.ofDays(10)); // horizon: 1 min + 10 days
        // 100.00 + 100.00, both on the 24th.
        assertWindow(run.newest(WindowType.DAY, "2026-11-24"), "200.00", 2);
        assertWindow(run.newest(WindowType.WEEK, "2026-11-23"), "200.00", 2);
        assertWindow(run.newest(WindowType.MONTH_TO_DATE, "2026-11-01"), "200.00", 2);
        // Rolling 7 days as of the 29th (the 23rd to the 29th), as the read model assembles it from the days.
        assertWindow(run.rolling7d("2026-11-29"), "200.00", 2);
        assertEquals(List.of(), run.late());
        assertNoTwoDifferentRowsShareAVersion(run.rows());
        assertEquals(run.produced(), run.archived().size() + run.late().size());
    }

    @Test
    void pastDatedEventBeyondTheHorizonIsLateAndInNoWindow() throws Exception {
        Run run = run(Duration.ofHours(1)); // the default horizon: 1 min + 1 h
        assertWindow(run.newest(WindowType.DAY, "2026-11-24"), "100.00", 1);
        assertWindow(run.newest(WindowType.WEEK, "2026-11-23"), "100.00", 1);
        assertWindow(run.newest(WindowType.MONTH_TO_DATE, "2026-11-01"), "100.00", 1);
        assertWindow(run.rolling7d("2026-11-29"), "100.00", 1);
        assertEquals(1, run.late().size());
        assertTrue(
                run.late().get(0).reason().startsWith("dated beyond the horizon"),
                run.late().get(0).reason());
        assertNoTwoDifferentRowsShareAVersion(run.rows());
        assertEquals(run.produced(), run.archived().size() + run.late().size());
    }

    private static void assertWindow(IndicatorRow row, String value, long events) {
        assertEquals(List.of(new BigDecimal(value), events), List.of(row.value(), row.eventCount()), row.toString());
    }

    private static void assertNoTwoDifferentRowsShareAVersion(List<IndicatorRow> rows) {
        Map<List<Object>, List<Object>> contentOf = new HashMap<>();
        for (IndicatorRow r : rows) {
            List<Object> key = Arrays.asList(
                    r.indicatorId(), r.windowType(), r.windowStart(), r.subjectType(), r.subjectId(), r.version());
            List<Object> content = Arrays.asList(r.value(), r.numerator(), r.denominator(), r.eventCount());
            List<Object> before = contentOf.putIfAbsent(key, content);
            assertTrue(before == null || before.equals(content), key + ": " + before + " and " + content);
        }
    }

    private static Run run(Duration dedupMargin) throws Exception {
        TestEvents e = new TestEvents(T);
        List<RawRecord> records = new ArrayList<>();
        records.add(e.record(e.department("d-root", null, "2026-11-01T00:00")));
        records.add(e.record(e.department("d-sales", "d-root", "2026-11-01T00:00")));
        records.add(e.record(e.hire("e-1", "d-sales", "2026-11-01T09:00")));
        records.add(e.record(e.hire("e-2", "d-sales", "2026-11-01T09:00")));
        records.add(stampedWithItsOwnTime(e, e.policy("e-1", "d-sales", "2026-11-24T10:00", "100.00", true)));
        records.add(e.record(e.policy("e-2", "d-sales", "2026-12-01T12:00", "1.00", true))); // a live event
        RawRecord second = stampedWithItsOwnTime(e, e.policy("e-1", "d-sales", "2026-11-24T10:00:03", "100.00", true));
        records.add(second);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        EngineConfig config = TestEngineConfigs.bounded(OUT_OF_ORDERNESS, dedupMargin);
        CatalogUpdate catalog = CatalogUpdate.of(CatalogYaml.templateLibraryText());
        IndicatorPipeline pipeline =
                new IndicatorPipeline(config, catalog, TenantRegistry.parse("tenants: [{id: " + T + "}]"));
        DataStream<RawRecord> source = env.fromData(records, TypeInformation.of(RawRecord.class))
                .setParallelism(1)
                .map(new ArrivesLater(second.offset()))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(PunctuatedWatermarks.of(OUT_OF_ORDERNESS))
                .setParallelism(1);
        CollectingPipelineSinks sinks = new CollectingPipelineSinks();
        // No catalog updates, and a control input that follows the events' watermark (a bounded source of
        // its own would hold every watermark back until it finished: the live event would move nothing).
        DataStream<CatalogUpdate> noUpdates =
                source.filter(r -> false).map(r -> catalog).returns(TypeInformation.of(CatalogUpdate.class));
        pipeline.build(source, noUpdates, sinks);
        env.execute("past-dated-events-" + dedupMargin);
        return new Run(sinks.rows.results(), sinks.late.results(), sinks.archived.results(), records.size());
    }

    /**
     * The second sale comes 3 s after the live event, as in the issue: time for the live event's watermark
     * to reach every operator (by the event path and by the org-change path admission also listens to).
     */
    private record ArrivesLater(long offset) implements MapFunction<RawRecord, RawRecord> {
        @Override
        public RawRecord map(RawRecord r) throws InterruptedException {
            if (r.offset() == offset) {
                Thread.sleep(3_000);
            }
            return r;
        }
    }

    private static RawRecord stampedWithItsOwnTime(TestEvents e, SpecificRecord event) {
        return e.receivedAt(event, EventHeaders.header(event).getEventTime().toEpochMilli() + 100);
    }
}
