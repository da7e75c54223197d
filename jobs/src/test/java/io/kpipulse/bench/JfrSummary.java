package io.kpipulse.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hot path of a flight recording in a few lines: the methods most often on top of the CPU samples
 * ({@code jdk.ExecutionSample}, self time), the same by package, by the nearest frame of our code and by thread
 * (a Flink task thread is named after its operator chain), and the classes with the largest sampled
 * allocation weight ({@code jdk.ObjectAllocationSample}).
 */
final class JfrSummary {

    private JfrSummary() {}

    static String of(Path recording, int top) throws IOException {
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> packages = new HashMap<>();
        Map<String, Long> ours = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> allocations = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                RecordedFrame frame = stack.getFrames().get(0);
                String owner = frame.getMethod().getType().getName();
                methods.merge(owner + "." + frame.getMethod().getName(), 1L, Long::sum);
                int dot = owner.lastIndexOf('.');
                packages.merge(dot < 0 ? owner : owner.substring(0, dot), 1L, Long::sum);
                // Self time is spread over JDK internals; the nearest frame of our code says who asked for it.
                String caller = "(no io.kpipulse frame: Flink, Kafka, ClickHouse driver, JVM)";
                for (RecordedFrame f : stack.getFrames()) {
                    String frameType = f.getMethod().getType().getName();
                    if (frameType.startsWith("io.kpipulse.")) {
                        caller = frameType + "." + f.getMethod().getName();
                        break;
                    }
                }
                ours.merge(caller, 1L, Long::sum);
                // A Flink task thread is named after its chain of operators: the cost per shuffle stage.
                var thread = e.getThread("sampledThread");
                threads.merge(thread == null ? "(unknown thread)" : threadGroup(thread.getJavaName()), 1L, Long::sum);
                samples++;
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = e.getLong("weight");
                allocations.merge(e.getClass("objectClass").getName(), weight, Long::sum);
                allocated += weight;
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "CPU samples: %d (top frame, self)%n", samples));
        append(out, methods, samples, top);
        out.append(String.format(Locale.ROOT, "CPU samples by package of the top frame%n"));
        append(out, packages, samples, top);
        out.append(String.format(Locale.ROOT, "CPU samples by the nearest frame of our code (inclusive)%n"));
        append(out, ours, samples, top);
        out.append(String.format(Locale.ROOT, "CPU samples by thread (a Flink task is its operator chain)%n"));
        append(out, threads, samples, top);
        out.append(
                String.format(Locale.ROOT, "allocation by class (sampled weight, %,d MB in all)%n", allocated >> 20));
        append(out, allocations, allocated, top);
        return out.toString();
    }

    /** A thread's name without its running numbers, so the threads of one pool or task count together. */
    private static String threadGroup(String name) {
        if (name == null) {
            return "(unnamed thread)";
        }
        String n = name.replaceAll("\\(\\d+/\\d+\\)#\\d+", "").replaceAll("-\\d+$", "-N");
        return n.length() > 160 ? n.substring(0, 160) + "…" : n;
    }

    private static void append(StringBuilder out, Map<String, Long> counts, long total, int top) {
        List<Map.Entry<String, Long>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .toList();
        for (Map.Entry<String, Long> e : sorted) {
            out.append(String.format(
                    Locale.ROOT, "  %5.1f%%  %s%n", total == 0 ? 0 : 100.0 * e.getValue() / total, e.getKey()));
        }
    }
}
