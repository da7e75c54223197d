package io.kpipulse.bench;

import com.sun.management.ThreadMXBean;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventDecodeException;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.indicators.CorrelationJoiner;
import io.kpipulse.indicators.CurrentCalendars;
import io.kpipulse.indicators.CurrentCatalog;
import io.kpipulse.indicators.DuringJoiner;
import io.kpipulse.indicators.IndicatorAggregator;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.indicators.IntervalRouter;
import io.kpipulse.indicators.LocalPreAggregation;
import io.kpipulse.indicators.Partial;
import io.kpipulse.indicators.SubjectBatch;
import io.kpipulse.indicators.SubjectItem;
import io.kpipulse.ingest.AdmissionHarnesses;
import io.kpipulse.ingest.ControlUpdate;
import io.kpipulse.ingest.HeaderPeek;
import io.kpipulse.ingest.Outputs;
import io.kpipulse.ingest.RawRecord;
import io.kpipulse.org.OrgChange;
import io.kpipulse.org.OrgChanges;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.pipeline.EngineConfig;
import io.kpipulse.pipeline.IndicatorPipeline;
import io.kpipulse.simulator.ProducedRecord;
import io.kpipulse.tenants.TenantCalendar;
import io.kpipulse.tenants.TenantRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * The engine's own per-event work without Kafka, ClickHouse or a MiniCluster, behind
 * {@code deploy/bench/hotpath-bench.sh}: a number that moves by what a change to the hot path saves, not by the
 * machine's load or the job's start-up (the end-to-end {@code engine-bench.sh --quick} has about 6 s of work).
 *
 * <p>Input: the data of {@code engine-bench.sh --quick} (2 tenants × 300 employees, March 2026, no faults), encoded
 * as on Kafka (single-object Avro, key {@code tenant|subject}, record timestamp as {@code KafkaEventSink} stamps it).
 * Three stages, each over the whole month, several warm passes in this one thread, each pass on fresh state, timed
 * in this thread's CPU time (the machine's other load moves it far less than wall time; wall time is printed beside
 * it; collections on the GC's own threads show in neither, but in the bytes allocated):
 * <ol>
 *   <li>(a) decode: the source's header peek and admission's Avro decode of every record — the in-run baseline;
 *   <li>(b) admission ({@code EventAdmission}: gate, dedup, derive items) in Flink's keyed operator harness;
 *   <li>(c) (b) and everything downstream up to the rows: the correlated kinds' joiners, the local
 *       pre-aggregations and the indicator windows, wired as {@code IndicatorPipeline} wires them, the rows counted
 *       and hashed instead of written.
 * </ol>
 * Operators get the pipeline's default settings and the heap state backend the engine runs with. Time is
 * simulated so that passes are identical: processing time starts on 2026-12-02 (the engine catches up on March,
 * as in the end-to-end bench) and moves {@code 1/rate} s per record; a watermark (newest event time −
 * out-of-orderness) every 200 ms of it, Flink's periodic watermark interval. A pass whose rows (every field but
 * the processing time they were computed at) hash differently from the first pass's fails the run, so an
 * optimisation that changes a number is caught; the hash is printed to compare across commits.
 */
public final class HotPathBench {

    private static final long WATERMARK_INTERVAL_MILLIS = 200;
    private static final long PROCESSING_START =
            Instant.parse("2026-12-02T00:00:00Z").toEpochMilli();

    private final EngineConfig config = EngineConfig.defaults();
    private final CatalogUpdate catalog = CatalogUpdate.of(CatalogYaml.templateLibraryText());
    private final Map<String, TenantCalendar> tenants =
            TenantRegistry.fromFileOrDemo("").calendars();
    private final List<RawRecord> records;
    private final List<ControlUpdate> orgChanges;
    private final double rate;
    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private HotPathBench(List<RawRecord> records, List<ControlUpdate> orgChanges, double rate) {
        this.records = records;
        this.orgChanges = orgChanges;
        this.rate = rate;
    }

    public static void main(String[] args) throws Exception {
        int warmups = 3;
        int passes = 7;
        int employees = 300;
        double rate = 60_000;
        String stages = "abc";
        Path jfr = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--employees" -> employees = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--stages" -> stages = args[++i];
                case "--jfr" -> jfr = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: HotPathBench [--warmups N] [--passes N] [--employees N] [--rate N]"
                            + " [--stages abc] [--jfr FILE (a recording of the last stage's measured passes)]");
                    System.exit(2);
                }
            }
        }
        HotPathBench bench = simulate(employees, rate);
        System.out.printf(
                Locale.ROOT,
                "hot-path bench: %,d records (2 tenants × %d employees, March 2026, faults none), %d warm-up + %d"
                        + " measured passes per stage, simulated processing time %,.0f records/s, load average %s%n",
                bench.records.size(),
                employees,
                warmups,
                passes,
                rate,
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf(
                Locale.ROOT,
                "%n| stage | CPU µs/event (median) | min | max | × decode | wall µs/event (median) | bytes allocated/event (median) | output |%n"
                        + "|---|---|---|---|---|---|---|---|%n");
        double decode = Double.NaN;
        char profiled = stages.charAt(stages.length() - 1);
        for (char stage : stages.toCharArray()) {
            Result r = bench.measure(stage, warmups, passes, stage == profiled ? jfr : null);
            if (stage == 'a') {
                decode = r.micros();
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.2f | %.2f | %.2f | %s | %.2f | %,.0f | %s |%n",
                    r.stage(),
                    r.micros(),
                    r.minMicros(),
                    r.maxMicros(),
                    Double.isNaN(decode) ? "–" : String.format(Locale.ROOT, "%.1f", r.micros() / decode),
                    r.wallMicros(),
                    r.bytes(),
                    r.output());
        }
        if (jfr != null) {
            System.out.printf("%nJFR of stage (%s)'s measured passes (%s):%n%s", profiled, jfr, JfrSummary.of(jfr, 15));
        }
    }

    /** The engine-bench --quick month, as the engine's source hands it on: raw records in production order. */
    private static HotPathBench simulate(int employees, double rate) throws EventDecodeException {
        var simulation = EngineBench.simulateMarch(employees, 31);
        EventCodec codec = EventCodec.standard();
        List<RawRecord> records = new ArrayList<>();
        List<ControlUpdate> org = new ArrayList<>();
        Map<String, Long> offsets = new HashMap<>();
        long clock = Long.MIN_VALUE;
        for (ProducedRecord p : simulation.records()) {
            clock = Math.max(clock, p.eventTime()); // KafkaEventSink's record timestamp
            long offset = offsets.merge(p.topic(), 1L, Long::sum) - 1;
            String key = p.key() == null ? "" : new String(p.key(), StandardCharsets.UTF_8);
            records.add(
                    new RawRecord(p.topic(), 0, offset, key, p.value(), HeaderPeek.eventTime(p.value(), clock), clock));
            if (p.topic().equals(SourceTopics.ORG)) {
                for (OrgChange change : OrgChanges.of(codec.decode(p.value()).event())) {
                    org.add(ControlUpdate.of(change));
                }
            }
        }
        return new HotPathBench(records, org, rate);
    }

    /** CPU time of this thread (what the machine's other load changes least), wall time beside it. */
    private record Result(
            String stage,
            double micros,
            double minMicros,
            double maxMicros,
            double wallMicros,
            double bytes,
            String output) {}

    private Result measure(char stage, int warmups, int passes, Path jfr) throws Exception {
        double[] micros = new double[passes];
        double[] wall = new double[passes];
        double[] bytes = new double[passes];
        Pass reference = null;
        Recording recording = null;
        for (int i = 0; i < warmups + passes; i++) {
            if (i == warmups && jfr != null) {
                recording = new Recording(Configuration.getConfiguration("profile"));
                recording.start();
            }
            Pass pass = pass(stage, reference == null);
            if (reference == null) {
                reference = pass;
            } else if (pass.rows() != reference.rows() || pass.hash() != reference.hash()) {
                throw new IllegalStateException("stage " + stage + " pass " + i + " emitted " + pass.rows()
                        + " rows hashing " + pass.hash() + ", the first pass " + reference.rows() + " hashing "
                        + reference.hash());
            }
            if (i >= warmups) {
                micros[i - warmups] = pass.cpuNanos() / 1e3 / records.size();
                wall[i - warmups] = pass.nanos() / 1e3 / records.size();
                bytes[i - warmups] = (double) pass.bytes() / records.size();
            }
        }
        if (recording != null) {
            recording.stop();
            recording.dump(jfr);
            recording.close();
        }
        Arrays.sort(micros);
        Arrays.sort(wall);
        Arrays.sort(bytes);
        String name = switch (stage) {
            case 'a' -> "(a) decode";
            case 'b' -> "(b) + admission";
            case 'c' -> "(c) + joins, pre-aggregation, windows";
            default -> throw new IllegalArgumentException("stage " + stage + ": a, b or c");
        };
        if (!reference.state().isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "state of stage %s after the month's last record, before the final watermark (bytes a checkpoint"
                            + " of the heap backend writes): %s%n",
                    stage,
                    reference.state());
        }
        return new Result(
                name,
                micros[passes / 2],
                micros[0],
                micros[passes - 1],
                wall[passes / 2],
                bytes[passes / 2],
                reference.describe());
    }

    /** What one pass did: its cost (set-up and state snapshot excluded), what it emitted, its state at the end. */
    private record Pass(long nanos, long cpuNanos, long bytes, long items, long rows, long hash, String state) {
        String describe() {
            return rows < 0
                    ? String.format(Locale.ROOT, "%,d items", items)
                    : String.format(Locale.ROOT, "%,d items, %,d rows, hash %016x", items, rows, hash);
        }
    }

    /** @param snapshot also snapshot every operator's state after the last record (not timed) */
    private Pass pass(char stage, boolean snapshot) throws Exception {
        if (stage == 'a') {
            return decodePass();
        }
        Operators ops = new Operators(stage == 'c');
        long start = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long processingTime = PROCESSING_START;
        long nextWatermark = processingTime + WATERMARK_INTERVAL_MILLIS;
        long newest = Long.MIN_VALUE;
        double millisPerRecord = 1000 / rate;
        for (int i = 0; i < records.size(); i++) {
            RawRecord record = records.get(i);
            ops.record(record);
            newest = Math.max(newest, record.time());
            processingTime = PROCESSING_START + (long) (i * millisPerRecord);
            if (processingTime >= nextWatermark) {
                ops.advance(newest - config.outOfOrderness().toMillis(), processingTime);
                nextWatermark += WATERMARK_INTERVAL_MILLIS;
            }
        }
        String state = "";
        if (snapshot) {
            long snapshotStart = System.nanoTime();
            long snapshotCpu = threads.getCurrentThreadCpuTime();
            long snapshotAllocated = threads.getCurrentThreadAllocatedBytes();
            state = ops.stateBytes();
            start += System.nanoTime() - snapshotStart;
            cpu += threads.getCurrentThreadCpuTime() - snapshotCpu;
            allocated += threads.getCurrentThreadAllocatedBytes() - snapshotAllocated;
        }
        ops.finish(processingTime);
        return new Pass(
                System.nanoTime() - start,
                threads.getCurrentThreadCpuTime() - cpu,
                threads.getCurrentThreadAllocatedBytes() - allocated,
                ops.items,
                ops.rows(),
                ops.hash,
                state);
    }

    private Pass decodePass() throws EventDecodeException {
        EventCodec codec = EventCodec.standard();
        long start = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long sink = 0;
        for (RawRecord record : records) {
            sink += HeaderPeek.eventTime(record.value(), record.receivedAt());
            sink += codec.decode(record.value()).header().getEventTime().getNano();
        }
        return new Pass(
                System.nanoTime() - start,
                threads.getCurrentThreadCpuTime() - cpu,
                threads.getCurrentThreadAllocatedBytes() - allocated,
                records.size(),
                -1,
                sink,
                "");
    }

    /**
     * The keyed operators of the engine, each in its harness, wired as {@code IndicatorPipeline} wires them: what
     * one emits is handed to the next at once (chained, or as the network would), a watermark reaches each operator
     * after everything its upstream emitted before it. Without {@code downstream}, admission alone. What an operator
     * emits reaches the bench through an {@link Emitted}, uncopied.
     */
    private final class Operators {
        private final boolean downstream;
        private final Emitted<SubjectItem> admission;
        private Emitted<SubjectItem> pairing;
        private Emitted<Partial> router;
        private Emitted<SubjectItem> during;
        private final List<Emitted<SubjectBatch>> preAggregations = new ArrayList<>();
        private Emitted<IndicatorRow> windows;
        long items;
        private long rows;
        long hash;

        Operators(boolean downstream) throws Exception {
            this.downstream = downstream;
            admission = org(new Emitted<>(AdmissionHarnesses.admission(
                    tenants,
                    config.outOfOrderness().toMillis(),
                    config.allowedLateness().toMillis(),
                    config.dedupMargin().toMillis())));
            if (!downstream) {
                return;
            }
            long retain = config.horizon().toMillis();
            pairing = org(keyed(
                    new CorrelationJoiner(catalog, tenants, config.maxPairing().toMillis()),
                    Partial::joinKey,
                    CONTROL));
            router = org(keyed(new IntervalRouter(catalog, retain), Partial::joinKey, CONTROL));
            during = org(keyed(new DuringJoiner(catalog, tenants, retain), Partial::joinKey, CONTROL));
            long hold = Math.max(1, config.flushInterval().toMillis() / 4);
            for (int i = 0; i < 3; i++) { // admitted, paired, during
                preAggregations.add(new Emitted<>(new OneInputStreamOperatorTestHarness<SubjectItem, SubjectBatch>(
                        new LocalPreAggregation(hold, IndicatorPipeline.PRE_AGGREGATION_KEYS))));
            }
            windows = keyed(
                    new IndicatorAggregator(
                            catalog,
                            config.flushInterval().toMillis(),
                            config.catchUpFlushInterval().toMillis(),
                            config.liveLag().toMillis(),
                            config.horizon().toMillis()),
                    SubjectBatch::key,
                    List.of(CurrentCatalog.STATE));
            for (var e : List.of(admission, pairing, router, during, windows)) {
                e.harness.setProcessingTime(PROCESSING_START);
            }
            for (var e : preAggregations) {
                e.harness.setProcessingTime(PROCESSING_START);
            }
        }

        /** The org directory as the broadcast of the org topic leaves it (set-up, not timed). */
        private <I, O> Emitted<O> org(Emitted<O> e) throws Exception {
            @SuppressWarnings("unchecked")
            var h = (KeyedBroadcastOperatorTestHarness<String, I, ControlUpdate, O>) e.harness;
            for (ControlUpdate change : orgChanges) {
                h.processBroadcastElement(change, 0);
            }
            return e;
        }

        void record(RawRecord record) throws Exception {
            keyedInput(admission).processElement(record, record.time());
            forward();
        }

        void advance(long watermark, long processingTime) throws Exception {
            admission.harness.setProcessingTime(processingTime);
            keyedInput(admission).watermark(watermark);
            forward();
            if (!downstream) {
                return;
            }
            router.harness.setProcessingTime(processingTime);
            keyedInput(router).watermark(watermark);
            drain(router.main, (Partial p) -> process(during, p));
            for (var e : List.of(pairing, during)) {
                e.harness.setProcessingTime(processingTime);
                keyedInput(e).watermark(watermark);
            }
            forwardJoined();
            for (var e : preAggregations) {
                e.harness.setProcessingTime(processingTime);
                preAggregation(e).processWatermark(watermark);
            }
            forwardBatches();
            windows.harness.setProcessingTime(processingTime);
            keyedInput(windows).watermark(watermark);
            drain(windows.main, this::row);
        }

        /** The end of the input: every watermark to the end of time, then every coalesced change flushed. */
        void finish(long processingTime) throws Exception {
            advance(Long.MAX_VALUE, processingTime);
            if (downstream) {
                windows.harness.setProcessingTime(processingTime + 24 * 3_600_000L);
                drain(windows.main, this::row);
            }
        }

        long rows() {
            return downstream ? rows : -1;
        }

        /** Each operator's checkpointed state size, by the name of its operator in the pipeline. */
        String stateBytes() throws Exception {
            var named = new LinkedHashMap<String, Emitted<?>>();
            named.put("admission", admission);
            if (downstream) {
                named.put("correlation-join", pairing);
                named.put("interval-router", router);
                named.put("during-join", during);
                for (int i = 0; i < preAggregations.size(); i++) {
                    named.put(
                            List.of("admitted", "joined", "during").get(i) + "-pre-aggregation",
                            preAggregations.get(i));
                }
                named.put("indicator-windows", windows);
            }
            var out = new StringBuilder();
            long total = 0;
            for (var e : named.entrySet()) {
                long bytes = e.getValue().harness.snapshot(1, PROCESSING_START).getStateSize();
                total += bytes;
                out.append(String.format(Locale.ROOT, "%s %,d; ", e.getKey(), bytes));
            }
            return out.append(String.format(Locale.ROOT, "total %,d", total)).toString();
        }

        private void forward() throws Exception {
            drain(admission.main, (SubjectItem item) -> {
                items++;
                if (downstream) {
                    preAggregation(preAggregations.get(0))
                            .processElement(item, item.item().timeMillis());
                }
            });
            drain(admission.side(Outputs.PARTIALS), (Partial p) -> {
                if (!downstream) {
                    return;
                }
                if (p.role().pairsByKey()) {
                    process(pairing, p);
                }
                if (p.role().boundsAnInterval()) {
                    process(router, p);
                    drain(router.main, (Partial bound) -> process(during, bound));
                }
                if (p.role().joinsByDepartment()) {
                    process(during, p);
                }
            });
            for (var tag : List.of(Outputs.ARCHIVE, Outputs.LATE, Outputs.DEAD_LETTERS)) {
                admission.side(tag).clear();
            }
            if (downstream) {
                forwardJoined();
                forwardBatches();
                drain(windows.main, this::row);
            }
        }

        private void forwardJoined() throws Exception {
            drain(pairing.main, (SubjectItem item) -> {
                items++;
                preAggregation(preAggregations.get(1))
                        .processElement(item, item.item().timeMillis());
            });
            drain(during.main, (SubjectItem item) -> {
                items++;
                preAggregation(preAggregations.get(2))
                        .processElement(item, item.item().timeMillis());
            });
        }

        private void forwardBatches() throws Exception {
            for (var e : preAggregations) {
                drain(
                        e.main,
                        (SubjectBatch batch) -> keyedInput(windows)
                                .processElement(batch, batch.last().item().timeMillis()));
            }
        }

        private void process(Emitted<?> e, Partial p) throws Exception {
            HotPathBench.<Partial>keyedInput(e).processElement(p, p.eventTime());
        }

        /**
         * Counted, and hashed without the processing time it was computed at (order-independent). The enums go in
         * by name: an enum's own hashCode is its identity hash, which differs between JVM runs, so hashing the row
         * record itself gave one hash per JVM (the "cold pass" hash of 2026-12-02 was that, not the engine).
         */
        private void row(IndicatorRow r) {
            rows++;
            long h = Objects.hash(
                    r.tenantId(),
                    r.indicatorId(),
                    r.windowType().name(),
                    r.windowStart(),
                    r.windowEnd(),
                    r.subjectType().name(),
                    r.subjectId(),
                    r.subjectPath(),
                    r.value(),
                    r.numerator(),
                    r.denominator(),
                    r.target(),
                    r.attainment(),
                    r.eventCount(),
                    r.lastEventTime(),
                    r.catalogVersion(),
                    r.version());
            hash += (h * 0x9E3779B97F4A7C15L) ^ (h >>> 7);
        }
    }

    /** The broadcast states of the operators that follow the control stream (org, catalog, calendars). */
    private static final List<MapStateDescriptor<?, ?>> CONTROL =
            List.of(OrgDirectory.STATE, CurrentCatalog.STATE, CurrentCalendars.STATE);

    /** A keyed broadcast operator of the pipeline over a function, keyed by strings as there, opened. */
    private static <I, B, O> Emitted<O> keyed(
            KeyedBroadcastProcessFunction<String, I, B, O> function,
            KeySelector<I, String> key,
            List<MapStateDescriptor<?, ?>> broadcast)
            throws Exception {
        return new Emitted<>(new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(function, broadcast), key, Types.STRING, 1, 1, 0));
    }

    @SuppressWarnings("unchecked")
    private static <I> KeyedBroadcastOperatorTestHarness<String, I, ?, ?> keyedInput(Emitted<?> e) {
        return (KeyedBroadcastOperatorTestHarness<String, I, ?, ?>) e.harness;
    }

    @SuppressWarnings("unchecked")
    private static OneInputStreamOperatorTestHarness<SubjectItem, SubjectBatch> preAggregation(
            Emitted<SubjectBatch> e) {
        return (OneInputStreamOperatorTestHarness<SubjectItem, SubjectBatch>) e.harness;
    }

    /**
     * An operator in its harness, opened, with what it emits (main and side outputs) kept here as the values
     * themselves. The harness's own output would copy each value through its type's serializer, and for a side
     * output build that serializer anew for every value (Flink 2.2's {@code MockOutput}): on admission's archive and
     * partial outputs that was two thirds of stage (b)'s time, work the engine, with object reuse on and its sinks
     * chained, does not do. Watermarks are not kept; the bench hands them on itself.
     */
    private static final class Emitted<O> implements Output<StreamRecord<O>> {
        final AbstractStreamOperatorTestHarness<O> harness;
        final ArrayDeque<Object> main = new ArrayDeque<>();
        private final Map<OutputTag<?>, ArrayDeque<Object>> sides = new HashMap<>();

        Emitted(AbstractStreamOperatorTestHarness<O> harness) throws Exception {
            this.harness = harness;
            harness.setOutputCreator(serializer -> this);
            harness.open();
        }

        ArrayDeque<Object> side(OutputTag<?> tag) {
            return sides.computeIfAbsent(tag, t -> new ArrayDeque<>());
        }

        @Override
        public void collect(StreamRecord<O> record) {
            main.add(record.getValue()); // the value, not the record: an operator may reuse its StreamRecord
        }

        @Override
        public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
            side(tag).add(record.getValue());
        }

        @Override
        public void emitWatermark(Watermark mark) {}

        @Override
        public void emitWatermark(WatermarkEvent watermark) {}

        @Override
        public void emitWatermarkStatus(WatermarkStatus status) {}

        @Override
        public void emitLatencyMarker(LatencyMarker marker) {}

        @Override
        public void emitRecordAttributes(RecordAttributes attributes) {}

        @Override
        public void close() {}
    }

    private interface Step<T> {
        void accept(T value) throws Exception;
    }

    /** Hands every value an operator emitted on, in the order emitted. */
    @SuppressWarnings("unchecked")
    private static <T> void drain(ArrayDeque<Object> emitted, Step<T> step) throws Exception {
        for (Object o; (o = emitted.poll()) != null; ) {
            step.accept((T) o);
        }
    }
}
