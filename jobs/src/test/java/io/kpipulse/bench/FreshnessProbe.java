package io.kpipulse.bench;

import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventDecodeException;
import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.org.EmployeeLeft;
import io.kpipulse.events.policy.PolicyIssued;
import io.kpipulse.simulator.ProducedRecord;
import io.kpipulse.simulator.SimulationResult;
import io.kpipulse.simulator.sink.KafkaEventSink;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Freshness: with the engine running and caught up, re-sends the simulated month's work events at a paced rate,
 * each re-stamped with a new event id and event time = the wall clock at send (so it is on time, not late), and
 * measures for sampled {@code PolicyIssued} events how long until the employee's {@code policies_issued} DAY
 * row in ClickHouse counts it.
 *
 * <p>Why re-stamp the month instead of generating today: the org directory (hires) is already in the engine,
 * so today's events of those employees are accepted without replaying the org history at today's time. Org
 * events are not re-sent (they would move people around), and employees who left during the month are skipped
 * (their work today would rightly be dead-lettered).
 */
final class FreshnessProbe implements AutoCloseable {

    /** Sample the first PolicyIssued after every this many sent records (the brief: ~every 100th event). */
    static final int SAMPLE_EVERY = 100;

    static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration POLL_PAUSE = Duration.ofMillis(20);

    // Recent DAY windows only: the throughput data is in March, and a tenant's local day may be UTC's yesterday
    // or tomorrow, so sum over recent windows (a local midnight during the run splits the count across two).
    private static final String QUERY = "SELECT tenant_id, subject_id, sum(c) FROM (SELECT tenant_id, subject_id,"
            + " window_start, max(event_count) AS c FROM indicator_values WHERE indicator_id = 'policies_issued'"
            + " AND window_type = 'DAY' AND subject_type = 'EMPLOYEE' AND window_start >= today() - 1"
            + " GROUP BY tenant_id, subject_id, window_start) GROUP BY tenant_id, subject_id";

    private record Work(String topic, byte[] key, SpecificRecord event, String policyKey) {}

    private record Sample(String key, long expected, long sentNanos) {}

    /**
     * Sent at the rate, unsampled, before each sampling window, so that the window measures the rate's sustained
     * freshness, not its first seconds. It does not hide stalls: before the live-watermarks fix of 2026-12-02,
     * admission stalled for 6 to 30 s at a time at 1,000 events/s with a 10 s or a 60 s lead-in alike (RESULTS.md).
     */
    static final Duration LEAD_IN = Duration.ofSeconds(10);

    /** @param windowStartMillis wall-clock time the sampling window began (after the lead-in) */
    record Result(
            int rate,
            long sent,
            double achievedRate,
            int samples,
            int timedOut,
            long p50,
            long p99,
            long max,
            long windowStartMillis) {}

    private final String prefix;
    private final ClickHouseConnector clickHouse;
    private final KafkaProducer<byte[], byte[]> producer;
    private final EventCodec codec = EventCodec.standard();
    private final List<Work> work = new ArrayList<>();
    /** Policies sent per tenant|employee over the whole probe: what the DAY rows must add up to. */
    private final Map<String, Long> policiesSent = new HashMap<>();

    private int cursor;
    /** Set when the sampling window ends; the poller then resolves the pending samples and ends. */
    private final AtomicBoolean stop = new AtomicBoolean();

    FreshnessProbe(String bootstrapServers, String prefix, ClickHouseConnector clickHouse, SimulationResult simulation)
            throws EventDecodeException {
        this.prefix = prefix;
        this.clickHouse = clickHouse;
        this.producer = new KafkaProducer<>(KafkaEventSink.properties(bootstrapServers));
        Set<String> left = new HashSet<>();
        List<ProducedRecord> records = simulation.records();
        for (ProducedRecord r : records) {
            if (r.topic().equals(SourceTopics.ORG) && codec.decode(r.value()).event() instanceof EmployeeLeft e) {
                left.add(e.getHeader().getTenantId() + "|" + e.getEmployeeId());
            }
        }
        for (ProducedRecord r : records) {
            if (r.topic().equals(SourceTopics.ORG)) {
                continue;
            }
            SpecificRecord event = codec.decode(r.value()).event();
            EventHeader h = EventHeaders.header(event);
            String who = h.getTenantId() + "|" + h.getEmployeeId();
            if (h.getEmployeeId() != null && left.contains(who)) {
                continue;
            }
            work.add(new Work(r.topic(), r.key(), event, event instanceof PolicyIssued ? who : null));
        }
        EngineBench.log("freshness: " + work.size() + " re-sendable work events (" + left.size() + " leavers skipped)");
    }

    /** Sends at {@code rate} for {@link #LEAD_IN}, then samples for {@code duration}. */
    Result run(int rate, Duration duration) throws Exception {
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        List<Long> latencies = new ArrayList<>();
        int[] timedOut = {0};
        AtomicReference<Exception> pollerFailure = new AtomicReference<>();
        stop.set(false);
        Thread poller = new Thread(() -> poll(samples, latencies, timedOut, pollerFailure), "freshness-poller");
        poller.start();

        long start = System.nanoTime();
        long windowStart = start + LEAD_IN.toNanos();
        long windowStartMillis = System.currentTimeMillis() + LEAD_IN.toMillis();
        long end = windowStart + duration.toNanos();
        long drainDeadline =
                end + SAMPLE_TIMEOUT.toNanos() + Duration.ofSeconds(5).toNanos();
        long sent = 0;
        long sentInWindow = 0;
        boolean sampleNext = false;
        // After the window the same rate keeps going (unsampled) until every sample is resolved. Why: the engine
        // admits an event only once the watermark passes it, i.e. once later events arrive; stopping the stream
        // would strand the window's last samples and measure the stop, not the sustained rate.
        while (System.nanoTime() < end
                || (!poller.getState().equals(Thread.State.TERMINATED) && System.nanoTime() < drainDeadline)) {
            long now = System.nanoTime();
            boolean inWindow = now >= windowStart && now < end;
            if (now >= end) {
                stop.set(true);
            }
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            while (sent < due) {
                Work w = work.get(cursor);
                cursor = (cursor + 1) % work.size();
                long nowMillis = System.currentTimeMillis();
                EventHeader h = EventHeaders.header(w.event());
                h.setEventId(UUID.randomUUID()); // a copy of a month-old event must not be deduplicated as that event
                h.setEventTime(Instant.ofEpochMilli(nowMillis));
                byte[] value = codec.encode(w.event());
                long sentNanos = System.nanoTime();
                producer.send(new ProducerRecord<>(prefix + w.topic(), null, nowMillis, w.key(), value));
                sent++;
                if (inWindow) {
                    sentInWindow++;
                    if (sent % SAMPLE_EVERY == 0) {
                        sampleNext = true;
                    }
                }
                if (w.policyKey() != null) {
                    long expected = policiesSent.merge(w.policyKey(), 1L, Long::sum);
                    if (sampleNext && inWindow) {
                        samples.add(new Sample(w.policyKey(), expected, sentNanos));
                        sampleNext = false;
                    }
                }
            }
            LockSupport.parkNanos(1_000_000);
        }
        producer.flush();
        double achieved = sentInWindow * 1e9 / duration.toNanos();
        stop.set(true);
        poller.join(SAMPLE_TIMEOUT.toMillis() + 10_000);
        if (pollerFailure.get() != null) {
            throw pollerFailure.get();
        }
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        sorted.sort(null);
        EngineBench.log("freshness @" + rate + "/s: sent " + sentInWindow + " in the window, " + sent + " in all, "
                + sorted.size() + " samples, " + timedOut[0] + " timed out");
        return new Result(
                rate,
                sentInWindow,
                achieved,
                sorted.size(),
                timedOut[0],
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1),
                windowStartMillis);
    }

    /**
     * One query per round for every pending sample: the latency is taken when the query that first shows the count
     * returns, so it includes up to one query time plus {@link #POLL_PAUSE} of polling delay (an upper bound).
     */
    private void poll(
            ConcurrentLinkedQueue<Sample> incoming,
            List<Long> latencies,
            int[] timedOut,
            AtomicReference<Exception> failure) {
        List<Sample> pending = new ArrayList<>();
        try (Connection c = clickHouse.open();
                Statement s = c.createStatement()) {
            while (!stop.get() || !pending.isEmpty() || !incoming.isEmpty()) {
                for (Sample x; (x = incoming.poll()) != null; ) {
                    pending.add(x);
                }
                if (pending.isEmpty()) {
                    TimeUnit.NANOSECONDS.sleep(POLL_PAUSE.toNanos());
                    continue;
                }
                Map<String, Long> seen = new HashMap<>();
                try (ResultSet rs = s.executeQuery(QUERY)) {
                    while (rs.next()) {
                        seen.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3));
                    }
                }
                long now = System.nanoTime();
                for (Iterator<Sample> it = pending.iterator(); it.hasNext(); ) {
                    Sample x = it.next();
                    if (seen.getOrDefault(x.key(), 0L) >= x.expected()) {
                        synchronized (latencies) {
                            latencies.add((now - x.sentNanos()) / 1_000_000);
                        }
                        it.remove();
                    } else if (now - x.sentNanos() > SAMPLE_TIMEOUT.toNanos()) {
                        timedOut[0]++;
                        it.remove();
                    }
                }
                TimeUnit.NANOSECONDS.sleep(POLL_PAUSE.toNanos());
            }
        } catch (Exception e) {
            failure.set(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
