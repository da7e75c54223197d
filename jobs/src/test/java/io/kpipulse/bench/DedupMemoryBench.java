package io.kpipulse.bench;

import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventKeys;
import io.kpipulse.events.EventTypes;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.common.LineOfBusiness;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.policy.PolicyIssued;
import io.kpipulse.events.policy.SalesChannel;
import io.kpipulse.indicators.SubjectItem;
import io.kpipulse.ingest.AdmissionHarnesses;
import io.kpipulse.ingest.ControlUpdate;
import io.kpipulse.ingest.EventAdmission;
import io.kpipulse.ingest.Outputs;
import io.kpipulse.ingest.RawRecord;
import io.kpipulse.org.OrgChange;
import io.kpipulse.org.OrgChanges;
import io.kpipulse.pipeline.EngineOptions;
import io.kpipulse.testing.HarnessState;
import io.kpipulse.testing.TestEvents;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/**
 * De-duplication memory of the engine's admission at a production rate, behind {@code deploy/bench/dedup-bench.sh}.
 *
 * <p>Drives {@link EventAdmission} (its public constructor, with the engine's default out-of-orderness, allowed
 * lateness and dedup margin, the template library and one tenant) in Flink's keyed broadcast operator harness on
 * the heap (hashmap) state backend the engine runs with: {@code rate} distinct {@code PolicyIssued} events per
 * second of event time, spread round-robin over {@code employees} agents, the watermark following event time
 * (newest − out-of-orderness, every 200 ms of event time), outputs discarded. At each mark (minutes of event
 * time) it takes a snapshot to files (a checkpoint: its bytes on disk) and reads the heap in use after a full GC,
 * the keyed state entries and the event-time timers. Ids are remembered for the horizon (allowed lateness + dedup
 * margin): marks beyond it show whether the state stops growing. A measurement, not a test: nothing is asserted.
 */
public final class DedupMemoryBench {

    private static final String TENANT = "t-bench";
    private static final long STEP_MILLIS = 200;

    private final int rate;
    private final int employees;
    private final TreeSet<Integer> marks;
    private final long outOfOrdernessMillis =
            EngineOptions.OUT_OF_ORDERNESS.defaultValue().toMillis();
    private final long allowedLatenessMillis =
            EngineOptions.ALLOWED_LATENESS.defaultValue().toMillis();
    private final long dedupMarginMillis =
            EngineOptions.DEDUP_MARGIN.defaultValue().toMillis();
    private final EventCodec codec = EventCodec.standard();
    private final String topic = EventTypes.of(PolicyIssued.class).topic();

    private DedupMemoryBench(int rate, int employees, TreeSet<Integer> marks) {
        this.rate = rate;
        this.employees = employees;
        this.marks = marks;
    }

    public static void main(String[] args) throws Exception {
        int rate = 5_000;
        int employees = 2_000;
        TreeSet<Integer> marks = new TreeSet<>(List.of(1, 5, 15, 30, 60));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--employees" -> employees = Integer.parseInt(args[++i]);
                case "--marks" -> {
                    marks = new TreeSet<>();
                    for (String m : args[++i].split(",")) {
                        marks.add(Integer.parseInt(m.trim()));
                    }
                }
                default -> {
                    System.err.println("usage: DedupMemoryBench [--rate N] [--employees N] [--marks 1,5,15,30,60]");
                    System.exit(2);
                }
            }
        }
        new DedupMemoryBench(rate, employees, marks).run();
    }

    private void run() throws Exception {
        Path checkpoints = Files.createTempDirectory("kpi-dedup-bench-");
        long horizonMillis = allowedLatenessMillis + dedupMarginMillis;
        System.out.printf(
                Locale.ROOT,
                "dedup bench: %,d events/s of event time, %,d employees, out-of-orderness %d ms, allowed lateness %s,"
                        + " dedup margin %s (horizon %s), hashmap state backend, snapshots under %s%n",
                rate,
                employees,
                outOfOrdernessMillis,
                Duration.ofMillis(allowedLatenessMillis),
                Duration.ofMillis(dedupMarginMillis),
                Duration.ofMillis(horizonMillis),
                checkpoints);
        System.out.printf(
                Locale.ROOT,
                "load average %s, max heap %,d MB%n",
                Files.readString(Path.of("/proc/loadavg")).trim(),
                Runtime.getRuntime().maxMemory() >> 20);
        KeyedBroadcastOperatorTestHarness<String, RawRecord, ControlUpdate, SubjectItem> h = harness(checkpoints);
        long baseline = heapAfterGc();
        System.out.printf(
                Locale.ROOT,
                "%n| event time, min | events sent | ids within the horizon | checkpoint, MB | checkpoint bytes/id"
                        + " | heap after GC, MB | heap bytes/id | keyed state entries | event-time timers | wall, s |%n"
                        + "|---|---|---|---|---|---|---|---|---|---|%n");
        Instant start = Instant.parse("2026-03-02T00:00:00Z");
        long t0 = start.toEpochMilli();
        long sent = 0;
        long wallStart = System.nanoTime();
        long checkpointId = 0;
        for (int mark : marks) {
            long until = t0 + mark * 60_000L;
            // Events i = sent, sent + 1, ... at t0 + i * 1000 / rate, the watermark every STEP_MILLIS behind them.
            while (true) {
                long time = t0 + sent * 1000 / rate;
                if (time >= until) {
                    break;
                }
                h.processElement(record(sent, time), time);
                sent++;
                if (sent % Math.max(1, rate * STEP_MILLIS / 1000) == 0) {
                    h.watermark(
                            time - outOfOrdernessMillis); // on both inputs: the operator's watermark is their minimum
                    discardOutputs(h);
                }
            }
            h.watermark(until - outOfOrdernessMillis);
            discardOutputs(h);
            long wall = Duration.ofNanos(System.nanoTime() - wallStart).toSeconds();
            long withinHorizon = Math.min(sent, horizonMillis * rate / 1000);
            OperatorSubtaskState snapshot = h.snapshot(++checkpointId, until);
            long checkpointBytes = directoryBytes(checkpoints); // the files the snapshot wrote
            snapshot.discardState();
            deleteContents(checkpoints);
            long heap = heapAfterGc() - baseline;
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %,d | %,d | %,.1f | %,d | %,.1f | %,d | %,d | %,d | %d |%n",
                    mark,
                    sent,
                    withinHorizon,
                    checkpointBytes / 1e6,
                    checkpointBytes / Math.max(1, withinHorizon),
                    heap / 1e6,
                    heap / Math.max(1, withinHorizon),
                    HarnessState.keyedEntries(h),
                    h.numEventTimeTimers(),
                    wall);
        }
        h.close();
        deleteContents(checkpoints);
        Files.deleteIfExists(checkpoints);
    }

    private KeyedBroadcastOperatorTestHarness<String, RawRecord, ControlUpdate, SubjectItem> harness(Path checkpoints)
            throws Exception {
        KeyedBroadcastOperatorTestHarness<String, RawRecord, ControlUpdate, SubjectItem> h =
                AdmissionHarnesses.admission(TENANT, outOfOrdernessMillis, allowedLatenessMillis, dedupMarginMillis);
        h.setCheckpointStorage(new FileSystemCheckpointStorage(checkpoints.toUri()));
        h.open();
        TestEvents org = new TestEvents(TENANT);
        List<SpecificRecord> hires = new ArrayList<>();
        hires.add(org.department("d-sales", null, "2026-02-01T00:00"));
        for (int e = 0; e < employees; e++) {
            hires.add(org.hire(employee(e), "d-sales", "2026-02-01T09:00"));
        }
        for (SpecificRecord event : hires) {
            for (OrgChange change : OrgChanges.of(event)) {
                h.processBroadcastElement(ControlUpdate.of(change), 0);
            }
        }
        return h;
    }

    /** The {@code i}-th event: a distinct id, for agent {@code i mod employees}, sent 100 ms after it happened. */
    private RawRecord record(long i, long time) {
        String agent = employee((int) (i % employees));
        PolicyIssued policy = PolicyIssued.newBuilder()
                .setHeader(EventHeader.newBuilder()
                        .setTenantId(TENANT)
                        .setEventId(new UUID(0x6b70690000000000L, i)) // "kpi" and a counter: distinct, stable
                        .setEventTime(Instant.ofEpochMilli(time))
                        .setSourceSystem(SourceSystem.POLICY)
                        .setEmployeeId(agent)
                        .setDepartmentId("d-sales")
                        .setSchemaVersion(1)
                        .build())
                .setPolicyId("p-" + i)
                .setPremium(new BigDecimal("100.00"))
                .setProductLine(LineOfBusiness.LIFE)
                .setChannel(SalesChannel.AGENT)
                .setAgentId(agent)
                .setFirstYear(true)
                .setCustomerId("c-" + i)
                .build();
        return new RawRecord(topic, 0, i, EventKeys.keyStringOf(policy), codec.encode(policy), time, time + 100);
    }

    private static String employee(int e) {
        return "e-" + e;
    }

    private static void discardOutputs(
            KeyedBroadcastOperatorTestHarness<String, RawRecord, ControlUpdate, SubjectItem> h) {
        h.getOutput().clear();
        for (var tag : List.of(Outputs.ARCHIVE, Outputs.LATE, Outputs.DEAD_LETTERS, Outputs.PARTIALS)) {
            var side = h.getSideOutput(tag);
            if (side != null) {
                side.clear();
            }
        }
    }

    /** Heap in use right after full collections: the live data. */
    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static long directoryBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
