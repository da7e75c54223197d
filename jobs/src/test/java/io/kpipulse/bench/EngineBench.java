package io.kpipulse.bench;

import io.kpipulse.bench.baseline.BaselineCheck;
import io.kpipulse.bench.baseline.BaselineEvents;
import io.kpipulse.bench.baseline.BaselineJobMain;
import io.kpipulse.bench.baseline.BaselineQueries;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.clickhouse.local.LocalClickHouseServer;
import io.kpipulse.config.Settings;
import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventDecodeException;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.kafka.local.LocalKafkaBroker;
import io.kpipulse.pipeline.EngineOptions;
import io.kpipulse.simulator.ProducedRecord;
import io.kpipulse.simulator.SimEvent;
import io.kpipulse.simulator.Simulation;
import io.kpipulse.simulator.SimulationConfig;
import io.kpipulse.simulator.SimulationResult;
import io.kpipulse.simulator.SimulatorOptions;
import io.kpipulse.simulator.faults.FaultKind;
import io.kpipulse.simulator.sink.KafkaEventSink;
import io.kpipulse.simulator.truth.GroundTruth;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.storage.ClickHouseOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The engine benchmark behind {@code deploy/bench/engine-bench.sh}: one process starts a real broker (child JVM)
 * and the local ClickHouse engine, publishes one simulated month once, then measures against that same data the
 * consume+decode ceiling, the engine at parallelism 1 and 2 on a local MiniCluster, and freshness at paced rates.
 * Every ratio is against numbers measured in this run on this machine, never against constants, because the
 * machine is shared and absolute numbers drift between runs.
 */
public final class EngineBench {

    /** How often the throughput phase polls ClickHouse; it bounds the resolution of the end time. */
    static final Duration POLL = Duration.ofMillis(500);
    /** Indicator rows must stop growing this long before the engine counts as done (brief: ~2 s). */
    static final Duration QUIET = Duration.ofSeconds(2);

    static final Duration ENGINE_DEADLINE = Duration.ofMinutes(15);

    private final Options options;
    private final Map<String, String> table = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Process> children = new ArrayList<>();

    /** Broker and ClickHouse data, checkpoints and engine logs: deleted at the end unless the run failed. */
    private Path work;

    private boolean failed;
    private LocalKafkaBroker broker;
    private LocalClickHouseServer clickHouse;
    /** The copy of the month the ceiling reads. */
    private String prefix;
    /** One topic prefix (copy of the month) per engine run, in run order. */
    private final List<String> prefixes = new ArrayList<>();

    private List<ProducedRecord> published;
    private SimulationResult simulation;
    /** Distinct accepted event ids among the published records: what raw_events must reach. */
    private long accepted;

    private int markers;

    /** /proc/loadavg when the run started: the machine is shared, so absolute numbers need it beside them. */
    private String loadAtStart;

    /** The p1 engine's flight recording when {@code --jfr} is set. */
    private Path jfrRecording;
    /** Its summary, for RESULTS.md. */
    private String profile;

    private EngineBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        // Flink repeats a harmless metric-name-collision warning every checkpoint; it would bury the progress lines.
        org.apache.logging.log4j.core.config.Configurator.setLevel(
                "org.apache.flink.metrics", org.apache.logging.log4j.Level.ERROR);
        org.apache.logging.log4j.core.config.Configurator.setLevel(
                "org.apache.flink.runtime.metrics", org.apache.logging.log4j.Level.ERROR);
        Options options = Options.parse(args);
        EngineBench bench = new EngineBench(options);
        // Ctrl-C or a kill skips the finally below; the engine JVMs must not outlive the bench.
        Runtime.getRuntime().addShutdownHook(new Thread(bench::destroyChildren, "kpi-bench-stop-engines"));
        int status = 0;
        try {
            bench.run();
        } catch (Exception e) {
            e.printStackTrace();
            bench.failed = true;
            status = 1;
        } finally {
            bench.close();
        }
        // The MiniCluster and the Kafka/ClickHouse client threads are not all daemons; exit explicitly.
        System.exit(status);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        loadAtStart = loadAverage();
        work = Files.createTempDirectory("kpi-bench-");
        log("work dir " + work);
        broker = LocalKafkaBroker.builder().dataDir(work.resolve("kafka")).start();
        clickHouse = LocalClickHouseServer.builder()
                .port(0)
                .dataDir(work.resolve("clickhouse"))
                .start();
        log("broker " + broker.bootstrapServers() + ", ClickHouse " + clickHouse.jdbcUrl());

        if (options.scaling) {
            scaling();
            put(
                    "total bench wall time, s",
                    String.valueOf(Duration.ofNanos(System.nanoTime() - started).toSeconds()));
            printAndRecord();
            return;
        }
        generateAndPublish();

        // Two ceiling passes: the first also warms the JIT for the decoder; the higher one is the stricter bar.
        double ceiling1 = ceiling();
        double ceiling2 = ceiling();
        double ceiling = Math.max(ceiling1, ceiling2);
        put("records published / accepted events", published.size() + " / " + accepted);
        put(
                "ceiling: consume+decode, 1 thread, events/s",
                fmt(ceiling) + "  (passes: " + fmt(ceiling1) + ", " + fmt(ceiling2) + ")");

        BaselineRun baseline = options.baseline ? baseline() : null;

        // The last run keeps its job for the freshness phase (default order 1, 2: production's parallelism is 2).
        List<EngineRun> runs = new ArrayList<>();
        for (int i = 0; i < options.parallelisms.length; i++) {
            boolean last = i == options.parallelisms.length - 1;
            EngineRun run = engine(options.parallelisms[i], prefixes.get(i), last);
            report("p" + run.parallelism(), run, ceiling);
            runs.add(run);
        }
        if (runs.size() == 2 && runs.get(0).finished && runs.get(1).finished) {
            put(
                    "p" + runs.get(1).parallelism() + " / p" + runs.get(0).parallelism() + " (corrected rates)",
                    String.format(
                            Locale.ROOT,
                            "%.2f",
                            runs.get(1).correctedRate() / runs.get(0).correctedRate()));
        }
        if (baseline != null && baseline.finished() && runs.get(0).finished) {
            put(
                    "ours p" + runs.get(0).parallelism() + " / Flink SQL baseline p1 (corrected rates; target ≥ 2)",
                    String.format(Locale.ROOT, "%.2f", runs.get(0).correctedRate() / baseline.correctedRate()));
        }
        EngineRun p2 = runs.get(runs.size() - 1);
        if (options.freshnessSeconds > 0 && p2.finished) {
            try (FreshnessProbe probe = new FreshnessProbe(
                    broker.bootstrapServers(), prefixes.get(prefixes.size() - 1), p2.connector, simulation)) {
                for (int rate : options.rates) {
                    FreshnessProbe.Result r = probe.run(rate, Duration.ofSeconds(options.freshnessSeconds));
                    // Re-sent events carry their send time as event time, so this is the share of the
                    // freshness spent before admission (watermark wait) versus after it (windows, sinks, reads).
                    put(
                            "freshness @" + rate + "/s: sent → admitted (raw_events.ingested_at) p50 / p99 ms",
                            admissionDelays(p2.connector, r.windowStartMillis()));
                    put(
                            "freshness @" + rate + "/s: sent → admitted, the slowest per 2 s of sending, s",
                            admissionDelaySeries(p2.connector, r.windowStartMillis()));
                    put(
                            "freshness @" + rate + "/s: achieved send rate",
                            fmt(r.achievedRate()) + " events/s over " + r.sent() + " events");
                    put(
                            "freshness @" + rate + "/s: p50 / p99 / max ms",
                            r.p50() + " / " + r.p99() + " / " + r.max() + "  (" + r.samples() + " samples, "
                                    + r.timedOut() + " timed out)");
                }
            }
            put(
                    "freshness: dead letters in the p" + p2.parallelism() + " database afterwards (" + markers
                            + " are the markers)",
                    String.valueOf(count(p2.connector, "SELECT count() FROM dead_letters")));
        }
        stopJobProcess(p2.job);
        if (jfrRecording != null) {
            // The recording is dumped when the p1 JVM exits (every engine JVM has been stopped by now).
            profile = JfrSummary.of(jfrRecording, 15);
            // Kept past the work directory, for `jfr print` / `jfr summary` beyond the summary printed here.
            Path kept =
                    Files.copy(jfrRecording, Path.of("jobs/target/engine-p1.jfr"), StandardCopyOption.REPLACE_EXISTING);
            log("JFR profile of p1 (the recording: " + kept.toAbsolutePath() + "):\n" + profile);
        }
        put(
                "total bench wall time, s",
                String.valueOf(Duration.ofNanos(System.nanoTime() - started).toSeconds()));
        printAndRecord();
    }

    private void generateAndPublish() throws Exception {
        generateAndPublish(options.employees, 31, "");
    }

    /**
     * How cost grows with the org: the engine at parallelism 1 over 1k, 10k and 100k employees (2 tenants of half
     * each), with fewer simulated days for larger orgs so each run has about 300k work events (every employee's
     * hire comes first, so the larger orgs also carry more org events).
     */
    private void scaling() throws Exception {
        for (int total : options.scalingSizes) {
            int days = (int) Math.max(1, Math.min(31, 300_000 / (2.5 * total)));
            String label = "scaling " + String.format(Locale.ROOT, "%,d", total) + " employees, " + days + " days: ";
            generateAndPublish(total / 2, days, label);
            put(label + "events (accepted)", String.format(Locale.ROOT, "%,d", accepted));
            EngineRun run = engine(1, prefix, false);
            put(
                    label + "corrected events/s",
                    fmt(run.correctedRate()) + (run.finished ? "" : "  NOT FINISHED (" + run.raw + " events)"));
            put(label + "indicator rows per event", String.format(Locale.ROOT, "%.2f", (double) run.rows / run.events));
            put(
                    label + "Flink state (first checkpoint after done) / heap used after a full GC, MB",
                    mb(run.stateBytes) + " / " + mb(run.heapBytes));
            // The next size's simulation should not share the heap with this one's.
            simulation = null;
            published = null;
        }
    }

    /** The benches' data: 2 tenants × {@code employees} for {@code days} days of March 2026, without faults. */
    static SimulationResult simulateMarch(int employees, int days) {
        return Simulation.run(SimulationConfig.from(Settings.of(Map.of(
                SimulatorOptions.TENANTS.key(),
                "2",
                SimulatorOptions.EMPLOYEES.key(),
                String.valueOf(employees),
                SimulatorOptions.DEPARTMENTS.key(),
                String.valueOf(Options.departments(employees)),
                SimulatorOptions.START.key(),
                "2026-03-01",
                SimulatorOptions.DAYS.key(),
                String.valueOf(days),
                SimulatorOptions.FAULTS.key(),
                "none"))));
    }

    /** Simulates 2 tenants × {@code employees} for {@code days} days of March 2026 and publishes it to a new prefix. */
    private void generateAndPublish(int employees, int days, String label) throws Exception {
        long t = System.nanoTime();
        simulation = simulateMarch(employees, days);
        List<ProducedRecord> records = simulation.records();
        if (options.events > 0 && options.events < records.size()) {
            // A prefix in production order keeps the org events (hires come first) ahead of the work they enable.
            records = records.subList(0, options.events);
        }
        long faulty = records.stream().filter(r -> r.fault() != FaultKind.NONE).count();
        if (faulty > 0) {
            throw new IllegalStateException(faulty + " faulty records with faults=none: accepted count would be wrong");
        }
        published = records;
        // The bar is accepted events (brief): ids the simulator accepts, counted once, among what is published.
        Set<UUID> acceptedIds = new HashSet<>();
        simulation.accepted().forEach(e -> acceptedIds.add(e.header().getEventId()));
        Set<UUID> publishedIds = new HashSet<>();
        EventCodec codec = EventCodec.standard();
        for (ProducedRecord r : published) {
            UUID id = codec.decode(r.value()).header().getEventId();
            if (acceptedIds.contains(id)) {
                publishedIds.add(id);
            }
        }
        accepted = publishedIds.size();
        if (accepted != published.size()) {
            notes.add(published.size() + " records published, " + accepted
                    + " of them accepted (distinct accepted event ids):" + " rates count accepted events");
        }
        log("simulated " + simulation.records().size() + " records (" + employees + " employees × 2 tenants), "
                + "publishing " + published.size() + " in " + ms(t) + " ms");

        // Published once; every engine run reads it from the beginning with a fresh consumer group.
        prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        for (int i = 0; i < options.parallelisms.length; i++) {
            prefixes.add(prefix);
        }
        long publishMs = publish(prefix);
        put(
                label + "publish (idempotent producer, acks=all, lz4), events/s",
                fmt(published.size() * 1000.0 / publishMs));
    }

    private long publish(String topicPrefix) {
        // retention.ms=-1: the records carry March timestamps, and with the default 7-day retention the broker
        // deletes them at its next retention check (within minutes): a later run then reads nothing from "earliest".
        for (String topic : SourceTopics.eventTopics()) {
            broker.createTopic(topicPrefix + topic, 4, Map.of("retention.ms", "-1"));
        }
        broker.createTopic(topicPrefix + SourceTopics.DEAD_LETTERS, 2, false);
        broker.createTopic(topicPrefix + SourceTopics.CONTROL, 1, true);
        long t = System.nanoTime();
        try (KafkaEventSink sink = new KafkaEventSink(broker.bootstrapServers())) {
            for (ProducedRecord r : published) {
                sink.send(new ProducedRecord(topicPrefix + r.topic(), r.key(), r.value(), r.eventTime(), r.fault()));
            }
            sink.flush();
        }
        long publishMs = ms(t);
        closeEventTime(
                topicPrefix,
                published.stream().mapToLong(ProducedRecord::eventTime).max().orElse(0));
        return publishMs;
    }

    /**
     * The engine admits a record only when the watermark (newest event time − out-of-orderness, the minimum over
     * active partitions) passes it, so at the end of a finite stream the last seconds of event time wait forever
     * for later data. A live stream always has later data; to let a finite one finish, one undecodable marker per
     * event partition, a minute after the last event, moves every partition's watermark past the month at once,
     * instead of after the source idleness (a partition read to its end and quiet goes idle with its watermark at
     * its newest record). Once their partitions go idle the markers themselves are admitted, as dead letters
     * (not single-object encoded): they are counted in the dead letters below and never touch an indicator.
     */
    private void closeEventTime(String topicPrefix, long lastEventTime) {
        long markerTime = lastEventTime + Duration.ofMinutes(1).toMillis();
        byte[] value = "kpi-bench: end of the published month".getBytes(StandardCharsets.UTF_8);
        byte[] key = "bench|end-of-month".getBytes(StandardCharsets.UTF_8);
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaEventSink.properties(broker.bootstrapServers()))) {
            for (String topic : SourceTopics.eventTopics()) {
                for (PartitionInfo info : producer.partitionsFor(topicPrefix + topic)) {
                    producer.send(new ProducerRecord<>(info.topic(), info.partition(), markerTime, key, value));
                    sent++;
                }
            }
            producer.flush();
        }
        if (markers > 0) {
            return; // one note for all copies
        }
        markers = sent;
        notes.add(markers + " end-of-month markers (undecodable, one per event partition, 1 min after the last event)"
                + " let the watermark pass the month's last events; they are not counted as events and are not in the"
                + " ceiling's decoded count, and become dead letters once their partitions go idle");
    }

    /**
     * The Flink SQL baseline at parallelism 1 over a JSON copy of the published events, into its own database of the
     * same ClickHouse; then its employee month-to-date values against the simulator's ground truth.
     */
    private BaselineRun baseline() throws Exception {
        BaselineQueries queries =
                new BaselineQueries(CatalogYaml.templateLibrary().indicators());
        String topic = prefix + "baseline.events";
        broker.createTopic(topic, 4, Map.of("retention.ms", "-1"));
        BaselineEvents copies = new BaselineEvents(queries.fieldPaths());
        EventCodec codec = EventCodec.standard();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaEventSink.properties(broker.bootstrapServers()))) {
            for (ProducedRecord r : published) {
                producer.send(new ProducerRecord<>(
                        topic,
                        null,
                        r.eventTime(),
                        r.key(),
                        copies.json(codec.decode(r.value()).event())));
            }
            producer.flush();
        }
        ZoneId zone = simulation.companies().get(0).calendar().zone();
        long monthStart =
                LocalDate.of(2026, 3, 1).atStartOfDay(zone).toInstant().toEpochMilli();
        Path org = work.resolve("baseline-org.tsv");
        BaselineEvents.writeOrg(
                org, simulation.accepted().stream().map(SimEvent::event).toList(), monthStart);

        String database = "bench_baseline_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        ClickHouseConnector admin = new ClickHouseConnector(clickHouse.jdbcUrl(), "default", "default", "", true);
        try (Connection c = admin.open();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
            s.execute(BaselineQueries.clickHouseDdl(database));
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put(
                EngineOptions.CHECKPOINT_DIR.key(),
                Files.createDirectories(work.resolve("checkpoints-baseline"))
                        .toUri()
                        .toString());
        values.put(ClickHouseOptions.URL.key(), clickHouse.jdbcUrl());
        values.put(ClickHouseOptions.DATABASE.key(), database);
        values.put("baseline.parallelism", "1");
        values.put("baseline.zone", zone.getId());
        values.put("baseline.org-file", org.toString());
        values.put("baseline.topic", topic);
        values.put("baseline.bootstrap", broker.bootstrapServers());
        values.put("baseline.group", topic + ".group");
        ClickHouseConnector connector = ClickHouseConnector.from(Settings.of(values));
        List<String> arguments = new ArrayList<>();
        values.forEach((k, v) -> arguments.add(k + "=" + v));
        Child child = startChild(
                "baseline-p1",
                BaselineJobMain.class,
                List.of(),
                arguments,
                BaselineJobMain.STARTED,
                BaselineJobMain.FINISHED);
        long start = System.nanoTime();
        long firstRow = -1;
        long deadline = start + ENGINE_DEADLINE.toNanos();
        boolean finished = false;
        while (System.nanoTime() < deadline) {
            if (child.finished().await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                finished = true;
                break;
            }
            if (firstRow < 0 && count(connector, "SELECT count() FROM baseline_values") > 0) {
                firstRow = System.nanoTime();
            }
        }
        long end = System.nanoTime();
        stopJobProcessIfAlive(child.process());
        BaselineRun run = new BaselineRun(accepted, start, firstRow < 0 ? end : firstRow, end, finished);
        String unfinished = finished ? "" : "  NOT FINISHED by the deadline";
        put(
                "baseline (Flink SQL) p1: indicators / windows / subjects",
                queries.indicators().size()
                        + " count, sum and ratio / DAY, MONTH_TO_DATE / employee, department and its ancestors");
        put(
                "baseline p1: wall time job start → done, s",
                String.format(Locale.ROOT, "%.1f", run.wallSeconds()) + unfinished);
        put(
                "baseline p1: start overhead (job start → first row), s",
                String.format(Locale.ROOT, "%.1f", run.overheadSeconds()));
        put("baseline p1: raw events/s (events / wall)", fmt(run.rawRate()));
        put("baseline p1: corrected events/s (events / (wall − overhead))", fmt(run.correctedRate()));
        put(
                "baseline p1: baseline_values rows inserted per event",
                String.format(
                        Locale.ROOT,
                        "%.2f",
                        count(connector, "SELECT count() FROM baseline_values") / (double) accepted));
        if (finished && options.events == 0) {
            put(
                    "baseline p1: employee MONTH_TO_DATE values equal to the ground truth",
                    BaselineCheck.employeeMonthToDate(connector, queries, GroundTruth.compute(simulation)));
        }
        notes.add("The Flink SQL baseline rolls departments up with a static org lookup as of 2026-03-01 (an employee"
                + " moved in March counts for the first-day department all month); the engine rolls each event up as of"
                + " its own time. It reads a JSON copy of the events (the fields its queries read), bounded by the offsets"
                + " at its start, with mini-batch two-phase aggregation; done = the job finished (every row written).");
        try (Connection c = admin.open();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + database);
        }
        return run;
    }

    /** One baseline run; times are System.nanoTime() values. */
    record BaselineRun(long events, long start, long firstRow, long end, boolean finished) {
        double wallSeconds() {
            return (end - start) / 1e9;
        }

        double overheadSeconds() {
            return (firstRow - start) / 1e9;
        }

        double rawRate() {
            return events / wallSeconds();
        }

        double correctedRate() {
            return events / (wallSeconds() - overheadSeconds());
        }
    }

    private static void stopJobProcessIfAlive(Process process) throws InterruptedException {
        if (process.isAlive()) {
            stopJobProcess(process);
        }
    }

    /**
     * The size of the first checkpoint completed after {@code sinceMillis} (every file of its {@code chk-N} directory:
     * the hashmap backend writes full snapshots), waiting up to two checkpoint intervals; -1 when none completed.
     */
    private static long checkpointBytesAfter(Path checkpoints, long sinceMillis) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (var paths = Files.walk(checkpoints, 3)) {
                java.util.Optional<Path> done = paths.filter(
                                p -> p.getFileName().toString().equals("_metadata"))
                        .filter(p -> p.toFile().lastModified() >= sinceMillis)
                        .findFirst();
                if (done.isPresent()) {
                    try (var files = Files.walk(done.get().getParent())) {
                        return files.filter(Files::isRegularFile)
                                .mapToLong(p -> p.toFile().length())
                                .sum();
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return -1;
    }

    /** Heap in use in the engine JVM right after a full GC (jcmd GC.run, GC.heap_info): its live data. */
    private static long heapUsedAfterGc(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        shell(jcmd, String.valueOf(pid), "GC.run");
        String info = shell(jcmd, String.valueOf(pid), "GC.heap_info");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    /** A plain consumer over every event topic from the beginning, decoding each value: the bar the engine is held to. */
    private double ceiling() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        EventCodec codec = EventCodec.standard();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : SourceTopics.eventTopics()) {
                for (PartitionInfo info : consumer.partitionsFor(prefix + topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long expected = end.values().stream().mapToLong(Long::longValue).sum();
            long t = System.nanoTime();
            consumer.seekToBeginning(partitions);
            long decoded = 0;
            long failed = 0;
            while (decoded + failed < expected) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        codec.decode(r.value());
                        decoded++;
                    } catch (EventDecodeException e) {
                        failed++;
                    }
                }
            }
            long nanos = System.nanoTime() - t;
            double rate = decoded * 1e9 / nanos;
            log("ceiling pass: " + decoded + " decoded (" + failed + " failed) in " + nanos / 1_000_000 + " ms = "
                    + fmt(rate) + "/s");
            return rate;
        }
    }

    /** Runs the job from earliest offsets into a fresh database and group; returns when it is done or the deadline passes. */
    private EngineRun engine(int parallelism, String topicPrefix, boolean keepRunning) throws Exception {
        String database = "bench_p" + parallelism + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        ClickHouseConnector admin = new ClickHouseConnector(clickHouse.jdbcUrl(), "default", "default", "", true);
        try (Connection c = admin.open();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        Path checkpoints = Files.createDirectories(work.resolve("checkpoints-p" + parallelism));
        Map<String, String> values =
                new LinkedHashMap<>(options.engineSettings); // --set: explore, e.g. out-of-orderness
        values.putAll(Map.of(
                EngineOptions.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                EngineOptions.TOPIC_PREFIX.key(), topicPrefix,
                EngineOptions.GROUP_ID.key(), topicPrefix + "engine-" + database,
                EngineOptions.PARALLELISM.key(), String.valueOf(parallelism),
                EngineOptions.CHECKPOINT_DIR.key(), checkpoints.toUri().toString(),
                ClickHouseOptions.URL.key(), clickHouse.jdbcUrl(),
                ClickHouseOptions.DATABASE.key(), database));
        Settings settings = Settings.of(values);
        ClickHouseConnector connector = ClickHouseConnector.from(settings);
        Process job = startJobProcess(parallelism, values);
        long expected = accepted;
        // Job start = when the child reports the job submitted (after JVM start and ClickHouse migration).
        long start = System.nanoTime();
        long nextProgress = start + Duration.ofSeconds(10).toNanos();
        long firstRow = -1;
        long complete = -1;
        long lastRows = -1;
        long lastChange = start;
        long raw = 0;
        // The first polls that saw half and nine tenths of the events admitted: the steady rate between them
        // leaves out the start and the JVM's first compilations, which a run of seconds is mostly made of.
        long half = -1;
        long halfRaw = 0;
        long nineTenths = -1;
        long nineTenthsRaw = 0;
        long deadline = start + ENGINE_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
            raw = count(connector, "SELECT uniqExact(event_id) FROM raw_events");
            long rows = count(connector, "SELECT count() FROM indicator_values");
            long now = System.nanoTime();
            if (firstRow < 0 && raw > 0) {
                firstRow = now;
            }
            if (rows != lastRows) {
                lastRows = rows;
                lastChange = now;
            }
            if (raw >= expected && complete < 0) {
                complete = now;
            }
            if (half < 0 && raw >= expected / 2) {
                half = now;
                halfRaw = raw;
            }
            if (nineTenths < 0 && raw >= expected * 9 / 10) {
                nineTenths = now;
                nineTenthsRaw = raw;
            }
            if (complete >= 0 && now - lastChange >= QUIET.toNanos()) {
                break;
            }
            if (now > nextProgress) {
                nextProgress = now + Duration.ofSeconds(10).toNanos();
                log(String.format(
                        Locale.ROOT,
                        "p%d: %.0f s, raw %d/%d, indicator rows %d",
                        parallelism,
                        (now - start) / 1e9,
                        raw,
                        expected,
                        rows));
            }
        }
        boolean finished = complete >= 0 && System.nanoTime() < deadline;
        // Done = the first poll that saw every event in raw_events and the final indicator row count.
        long end = Math.max(complete, lastChange);
        long stateBytes = finished ? checkpointBytesAfter(checkpoints, System.currentTimeMillis()) : -1;
        // On a session cluster the engine's heap is the TaskManager's, not the submitting JVM's.
        long enginePid = options.taskManagerPid > 0 ? options.taskManagerPid : job.pid();
        // Before the full GC below adds to it.
        String cpu = finished ? ThreadCpu.of(enginePid).describe() : "n/a";
        long heapBytes = finished ? heapUsedAfterGc(enginePid) : -1;
        double steadyRate =
                nineTenths > half && half >= 0 ? (nineTenthsRaw - halfRaw) / ((nineTenths - half) / 1e9) : -1;
        EngineRun run = new EngineRun(
                parallelism,
                expected,
                raw,
                lastRows,
                start,
                firstRow,
                end,
                finished,
                job,
                connector,
                count(connector, "SELECT count() FROM dead_letters"),
                stateBytes,
                heapBytes,
                steadyRate,
                cpu);
        if (finished) {
            put(
                    "p" + parallelism + ": ClickHouse storage, bytes per row on disk (active parts, compressed)",
                    storagePerRow(connector, database));
            put(
                    "p" + parallelism
                            + ": indicator rows per event by window type (rows inserted / distinct window instances)",
                    rowsByWindowType(connector, expected));
        }
        log(String.format(
                Locale.ROOT,
                "p%d: %s, raw %d/%d, indicator rows %d, wall %.1f s, overhead %.1f s",
                parallelism,
                finished ? "done" : "NOT DONE by the deadline",
                raw,
                expected,
                lastRows,
                run.wallSeconds(),
                run.overheadSeconds()));
        if (!keepRunning) {
            stopJobProcess(job);
            // The next run should not share the engine with merges of this one's tables.
            try (Connection c = admin.open();
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + database);
            }
        }
        return run;
    }

    /**
     * Bytes per row of the tables the engine writes, from {@code system.parts} (active parts, compressed on disk and
     * uncompressed): the basis of the capacity guide's ClickHouse sizing. chDB stores MergeTree parts as a ClickHouse
     * server does (same codecs, default LZ4), before any background merge has finished.
     */
    private static String storagePerRow(ClickHouseConnector connector, String database) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = connector.open();
                java.sql.PreparedStatement ps =
                        c.prepareStatement("SELECT table, sum(rows), sum(data_compressed_bytes),"
                                + " sum(data_uncompressed_bytes) FROM system.parts WHERE database = ? AND active"
                                + " AND table IN ('indicator_values', 'raw_events') GROUP BY table ORDER BY table")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long rows = rs.getLong(2);
                    out.append(out.length() == 0 ? "" : "; ")
                            .append(String.format(
                                    Locale.ROOT,
                                    "%s %.1f (uncompressed %.1f, %d rows)",
                                    rs.getString(1),
                                    rows == 0 ? 0.0 : (double) rs.getLong(3) / rows,
                                    rows == 0 ? 0.0 : (double) rs.getLong(4) / rows,
                                    rows));
                }
            }
        }
        return out.toString();
    }

    /**
     * Where the rows come from: per window type, rows inserted and distinct (indicator, subject, instance) keys per
     * event. The distinct keys are what the rows would be if every instance were written once; their sum is the
     * least this row model (one indicator and instance per row) can write for the run's events.
     */
    private static String rowsByWindowType(ClickHouseConnector connector, long events) throws SQLException {
        StringBuilder out = new StringBuilder();
        long rows = 0;
        long instances = 0;
        try (Connection c = connector.open();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT window_type, count(), uniqExact(tenant_id, indicator_id,"
                        + " window_start, subject_type, subject_id) FROM indicator_values GROUP BY window_type"
                        + " ORDER BY window_type")) {
            while (rs.next()) {
                rows += rs.getLong(2);
                instances += rs.getLong(3);
                out.append(String.format(
                        Locale.ROOT,
                        "%s %.2f / %.2f; ",
                        rs.getString(1),
                        (double) rs.getLong(2) / events,
                        (double) rs.getLong(3) / events));
            }
        }
        return out.append(String.format(
                        Locale.ROOT, "all %.2f / %.2f", (double) rows / events, (double) instances / events))
                .toString();
    }

    /** Starts {@link EngineJobMain} in a child JVM and returns once it has submitted the job; its output goes to a log. */
    private Process startJobProcess(int parallelism, Map<String, String> settings) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(String.valueOf(parallelism)));
        settings.forEach((k, v) -> arguments.add(k + "=" + v));
        if (options.flinkRestUrl != null) {
            arguments.add(EngineJobMain.FLINK_REST_URL + "=" + options.flinkRestUrl);
            arguments.add(EngineJobMain.FLINK_JOB_JAR + "=" + options.flinkJobJar);
        }
        // After the child's default -Xmx in the command line, so this one holds.
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.engineHeap));
        if (options.jfr && parallelism == 1 && jfrRecording == null) {
            jfrRecording = work.resolve("engine-p1.jfr");
            jvm.add("-XX:StartFlightRecording=filename=" + jfrRecording + ",settings=profile,dumponexit=true");
        }
        return startChild("engine-p" + parallelism, EngineJobMain.class, jvm, arguments, EngineJobMain.STARTED, null)
                .process();
    }

    /** A child JVM and the latch its output pump counts down when the child prints {@code finishedMarker}. */
    record Child(Process process, java.util.concurrent.CountDownLatch finished) {}

    /**
     * Starts {@code main} in a child JVM on this class path and returns once it printed {@code startedMarker};
     * its output goes to {@code <label>.log} in the work directory.
     */
    private Child startChild(
            String label,
            Class<?> main,
            List<String> jvmOptions,
            List<String> arguments,
            String startedMarker,
            String finishedMarker)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-XX:+UseG1GC",
                "--add-opens",
                "java.base/java.util=ALL-UNNAMED",
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-Dlog4j.configurationFile=log4j2-test.xml"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(arguments);
        Path log = work.resolve(label + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        synchronized (children) {
            children.add(process);
        }
        log(label + " JVM pid " + process.pid() + ", log " + log);
        java.util.concurrent.CountDownLatch submitted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread pump = new Thread(
                () -> {
                    try (var in = new java.io.BufferedReader(
                                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                            var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                        for (String line; (line = in.readLine()) != null; ) {
                            if (line.startsWith(startedMarker)) {
                                submitted.countDown();
                            }
                            if (finishedMarker != null && line.startsWith(finishedMarker)) {
                                finished.countDown();
                            }
                            out.write(line);
                            out.newLine();
                            out.flush();
                        }
                    } catch (IOException e) {
                        // the process ended; its log has what it wrote
                    }
                },
                label + "-output");
        pump.setDaemon(true);
        pump.start();
        // Planning the baseline's SQL alone took minutes at a load average of 30 on 2 cores.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!submitted.await(1, TimeUnit.SECONDS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(label + " ended or did not submit its job in 10 minutes; see " + log);
            }
        }
        return new Child(process, finished);
    }

    private static void stopJobProcess(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void report(String label, EngineRun r, double ceiling) {
        String unfinished = r.finished ? "" : "  NOT FINISHED (" + r.raw + " of " + r.events + " events)";
        put(
                label + ": wall time job start → done, s",
                String.format(Locale.ROOT, "%.1f", r.wallSeconds()) + unfinished);
        put(
                label + ": start overhead (job start → first raw_events row), s",
                String.format(Locale.ROOT, "%.1f", r.overheadSeconds()));
        put(
                label + ": raw events/s (events / wall)",
                fmt(r.rawRate()) + "  = " + pct(r.rawRate() / ceiling) + " of ceiling");
        put(
                label + ": corrected events/s (events / (wall − overhead))",
                fmt(r.correctedRate()) + "  = " + pct(r.correctedRate() / ceiling) + " of ceiling (target ≥ 50%)");
        put(
                label + ": steady events/s (raw_events from 50% to 90% of the events admitted)",
                r.steadyRate() < 0
                        ? "n/a"
                        : fmt(r.steadyRate()) + "  = " + pct(r.steadyRate() / ceiling) + " of ceiling");
        put(label + ": engine JVM CPU time at done, by thread", r.cpu());
        put(
                label + ": indicator_values rows inserted per event (count() without FINAL)",
                String.format(Locale.ROOT, "%.2f  (%d rows)", (double) r.rows / r.events, r.rows));
        put(
                label + ": dead letters (the end-of-month markers among them once admitted)",
                String.valueOf(r.deadLetters));
        put(
                label + ": Flink state (first checkpoint after done) / heap used after a full GC, MB",
                mb(r.stateBytes) + " / " + mb(r.heapBytes));
    }

    /** Percentiles of admission time − event time of the events sent since {@code sinceMillis}. */
    private static String admissionDelays(ClickHouseConnector connector, long sinceMillis) throws SQLException {
        String sql =
                "SELECT toInt64(quantileExact(%s)(dateDiff('millisecond', event_time, ingested_at))) FROM raw_events"
                        + " WHERE event_time >= fromUnixTimestamp64Milli(" + sinceMillis + ")";
        return count(connector, String.format(Locale.ROOT, sql, "0.5")) + " / "
                + count(connector, String.format(Locale.ROOT, sql, "0.99"));
    }

    /**
     * The slowest admission of each 2 s of sending since {@code sinceMillis}, in seconds: a stall shows as a run
     * of high values draining back down, which p99 alone does not tell apart from a steady delay.
     */
    private static String admissionDelaySeries(ClickHouseConnector connector, long sinceMillis) throws SQLException {
        String sql = "SELECT max(dateDiff('millisecond', event_time, ingested_at)) FROM raw_events"
                + " WHERE event_time >= fromUnixTimestamp64Milli(" + sinceMillis + ")"
                + " GROUP BY toStartOfInterval(event_time, INTERVAL 2 SECOND) ORDER BY min(event_time)";
        List<String> worst = new ArrayList<>();
        try (Connection c = connector.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                worst.add(String.format(Locale.ROOT, "%.1f", rs.getLong(1) / 1000.0));
            }
        }
        return String.join(" ", worst);
    }

    static long count(ClickHouseConnector connector, String sql) throws SQLException {
        try (Connection c = connector.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void printAndRecord() throws IOException, InterruptedException {
        int width = table.keySet().stream().mapToInt(String::length).max().orElse(10);
        StringBuilder text = new StringBuilder();
        table.forEach((k, v) -> text.append(String.format(Locale.ROOT, "%-" + width + "s  %s%n", k, v)));
        System.out.println();
        System.out.print(text);

        StringBuilder md = new StringBuilder();
        md.append("\n## ")
                .append(LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(" UTC, ")
                .append(options.quick ? "--quick" : "full")
                .append(" run\n\n");
        md.append("- command: `deploy/bench/engine-bench.sh ")
                .append(String.join(" ", options.args))
                .append("`\n");
        // The code measured is the commit only if nothing but the results file differs from it.
        String dirty = shell("sh", "-c", "git status --porcelain -- . ':!deploy/bench/RESULTS.md' | head -1");
        md.append("- commit: `")
                .append(shell("git", "rev-parse", "--short", "HEAD"))
                .append('`')
                .append(dirty.isEmpty() ? "" : " plus uncommitted changes")
                .append('\n');
        md.append("- machine: ")
                .append(shell("nproc"))
                .append(" cores, ")
                .append(shell("sh", "-c", "free -m | awk '/Mem:/{print $2\" MB memory\"}'"))
                .append(", ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.version"))
                .append(
                        options.flinkRestUrl == null
                                ? "; broker (child JVM), ClickHouse (chDB inside the bench JVM), Flink MiniCluster (a child JVM per engine run, heap "
                                        + options.engineHeap + ") and the generator share the cores\n"
                                : "; broker (child JVM), ClickHouse (chDB inside the bench JVM), the engine on a standalone Flink session cluster (JobManager and TaskManager JVMs, deploy/flink-cluster; the application jar submitted over REST) and the generator share the cores\n");
        md.append("- load average (1, 5, 15 min) at the start / end of the run: ")
                .append(loadAtStart)
                .append(" / ")
                .append(loadAverage())
                .append('\n');
        if (!options.engineSettings.isEmpty()) {
            md.append("- engine settings changed from the defaults: ")
                    .append(options.engineSettings)
                    .append('\n');
        }
        if (options.scaling) {
            md.append(
                    "- data: scaling runs, 2 tenants of half the employees each, March 2026 from the 1st, faults none\n\n");
        } else {
            md.append("- data: 2 tenants × ")
                    .append(options.employees)
                    .append(" employees, March 2026, faults none\n\n");
        }
        md.append("| measure | value |\n|---|---|\n");
        table.forEach((k, v) -> md.append("| ")
                .append(k)
                .append(" | ")
                .append(v.replace("|", "\\|"))
                .append(" |\n"));
        if (profile != null) {
            md.append("\nJFR profile of the p1 engine JVM (settings=profile, the whole run):\n\n```\n")
                    .append(profile)
                    .append("```\n");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        Path results = Path.of(options.resultsFile);
        if (!Files.exists(results)) {
            Files.writeString(
                    results,
                    "# Engine benchmark results\n\nAppended by `deploy/bench/engine-bench.sh`.\n",
                    StandardCharsets.UTF_8);
        }
        Files.writeString(results, md, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        System.out.println("appended to " + results.toAbsolutePath());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String shell(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }

    private void destroyChildren() {
        synchronized (children) {
            for (Process p : children) {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private void close() {
        destroyChildren();
        if (clickHouse != null) {
            clickHouse.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (work == null) {
            return;
        }
        if (failed) {
            log("kept " + work + " (engine logs, broker.log) for a look");
            return;
        }
        try (var paths = Files.walk(work)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log("could not delete " + work + ": " + e.getMessage());
        }
    }

    private void put(String key, String value) {
        table.put(key, value);
        log(key + ": " + value);
    }

    static void log(String message) {
        System.out.println("[bench " + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm:ss"))
                + "] " + message);
    }

    static String fmt(double rate) {
        return String.format(Locale.ROOT, "%,.0f", rate);
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    private static long ms(long startNanos) {
        return Math.max(1, (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** One engine run's measurements; times are System.nanoTime() values. */
    record EngineRun(
            int parallelism,
            long events,
            long raw,
            long rows,
            long start,
            long firstRow,
            long end,
            boolean finished,
            Process job,
            ClickHouseConnector connector,
            long deadLetters,
            long stateBytes,
            long heapBytes,
            double steadyRate,
            String cpu) {

        double wallSeconds() {
            return (end - start) / 1e9;
        }

        double overheadSeconds() {
            return firstRow < 0 ? 0 : (firstRow - start) / 1e9;
        }

        double rawRate() {
            return raw / wallSeconds();
        }

        double correctedRate() {
            return raw / (wallSeconds() - overheadSeconds());
        }
    }

    /** Command-line options; {@code --quick} is the small run for iterations. */
    static final class Options {
        final List<String> args;
        int employees = 2000;
        int events;
        int freshnessSeconds = 30;
        int[] rates = {1000, 5000};
        int[] parallelisms = {1, 2};
        boolean quick;
        /** Run the Flink SQL baseline over the same events (default); {@code --no-baseline} skips it. */
        boolean baseline = true;
        /** Record the p1 engine JVM with JFR and summarise its hot frames. */
        boolean jfr;
        /**
         * The engine JVM's maximum heap (a local run's; a session cluster's TaskManager has its own). 1 GB keeps
         * runs comparable with earlier ones; the live heap after a month is about a fifth of it.
         */
        String engineHeap = "1g";
        /** {@code --scaling}: only the engine at p1 over these org sizes (total employees). */
        boolean scaling;

        int[] scalingSizes = {1_000, 10_000, 100_000};

        String resultsFile = "deploy/bench/RESULTS.md";
        /** {@code --flink-rest-url}: run each engine job on this standalone session cluster (engine-bench.sh --flink-cluster). */
        String flinkRestUrl;

        String flinkJobJar;
        /** The session cluster's TaskManager, whose heap the engine uses there. */
        long taskManagerPid;

        final Map<String, String> engineSettings = new LinkedHashMap<>();

        private Options(List<String> args) {
            this.args = args;
        }

        static int departments(int employees) {
            // The simulator's default is 40 departments for 2,000 employees and its company needs at least 16;
            // 20 for small runs like the end-to-end test.
            return Math.max(20, Math.min(40, employees / 50));
        }

        private static int[] ints(String commaSeparated) {
            return java.util.Arrays.stream(commaSeparated.split(","))
                    .mapToInt(Integer::parseInt)
                    .toArray();
        }

        static Options parse(String[] argv) {
            Options o = new Options(List.of(argv));
            for (int i = 0; i < argv.length; i++) {
                switch (argv[i]) {
                    case "--quick" -> {
                        o.quick = true;
                        o.employees = 300;
                        o.freshnessSeconds = 15;
                    }
                    case "--employees" -> o.employees = Integer.parseInt(argv[++i]);
                    case "--no-baseline" -> o.baseline = false;
                    case "--jfr" -> o.jfr = true;
                    case "--engine-heap" -> o.engineHeap = argv[++i];
                    case "--scaling" -> o.scaling = true;
                    case "--scaling-sizes" -> {
                        o.scaling = true;
                        o.scalingSizes = ints(argv[++i]);
                    }
                    case "--events" -> o.events = Integer.parseInt(argv[++i]);
                    case "--freshness-seconds" -> o.freshnessSeconds = Integer.parseInt(argv[++i]);
                    case "--results" -> o.resultsFile = argv[++i];
                    case "--parallelisms" -> o.parallelisms = ints(argv[++i]);
                    case "--rates" -> o.rates = ints(argv[++i]);
                    case "--flink-rest-url" -> o.flinkRestUrl = argv[++i];
                    case "--flink-job-jar" -> o.flinkJobJar = argv[++i];
                    case "--flink-taskmanager-pid" -> o.taskManagerPid = Long.parseLong(argv[++i]);
                    case "--set" -> {
                        String[] kv = argv[++i].split("=", 2);
                        o.engineSettings.put(kv[0], kv[1]);
                    }
                    default ->
                        throw new IllegalArgumentException(
                                "unknown option " + argv[i]
                                        + "; usage: [--quick] [--events N] [--employees N] [--no-baseline] [--jfr] [--engine-heap 1g] [--scaling] [--scaling-sizes 1000,10000,100000] [--freshness-seconds S] [--results FILE] [--parallelisms 1,2] [--rates 1000,5000] [--set engine.key=value] [--flink-rest-url URL --flink-job-jar JAR --flink-taskmanager-pid PID]");
                }
            }
            return o;
        }
    }
}
