package io.kpipulse.simulator.sink;

import io.kpipulse.simulator.ProducedRecord;
import io.kpipulse.simulator.faults.FaultKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sends records to a sink in order, paced, and counts what was produced per topic and per fault kind. */
public final class RecordPublisher {

    /** What was sent. */
    public record Summary(Map<String, Integer> perTopic, Map<FaultKind, Integer> perFault, int total, long nanos) {

        public double recordsPerSecond() {
            return nanos == 0 ? 0 : total * 1e9 / nanos;
        }
    }

    private RecordPublisher() {}

    public static Summary publish(List<ProducedRecord> records, RecordSink sink, Pacer pacer) {
        long start = System.nanoTime();
        Map<String, Integer> perTopic = new TreeMap<>();
        Map<FaultKind, Integer> perFault = new EnumMap<>(FaultKind.class);
        for (ProducedRecord r : records) {
            if (!pacer.unlimited()) {
                pacer.await(r.eventTime());
            }
            sink.send(r);
            perTopic.merge(r.topic(), 1, Integer::sum);
            perFault.merge(r.fault(), 1, Integer::sum);
        }
        sink.flush();
        return new Summary(perTopic, perFault, records.size(), System.nanoTime() - start);
    }
}
