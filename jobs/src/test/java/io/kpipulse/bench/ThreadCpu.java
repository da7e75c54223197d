package io.kpipulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The CPU time a JVM's threads have used so far, from Linux's {@code /proc/<pid>/task}, split into the JIT compilers,
 * the garbage collector and the rest (Flink's tasks, sources, sinks and everything else). A sampling profiler sees
 * only threads running Java code; on a run of seconds the compilers alone can take a third of the JVM's CPU.
 */
record ThreadCpu(double totalSeconds, double jitSeconds, double gcSeconds) {

    /** Clock ticks per second of {@code /proc/<pid>/task/<tid>/stat}'s utime and stime (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100;

    static ThreadCpu of(long pid) throws IOException {
        double total = 0;
        double jit = 0;
        double gc = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name;
                String stat;
                try {
                    name = Files.readString(task.resolve("comm")).trim();
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended between the listing and the read
                }
                // Fields after the ")" that closes the thread name: state is the 1st, utime the 12th, stime the 13th.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                total += seconds;
                if (name.contains("CompilerThre")) {
                    jit += seconds;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
                    gc += seconds;
                }
            }
        }
        return new ThreadCpu(total, jit, gc);
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "%.1f s: JIT compilers %.1f (%.0f%%), GC %.1f (%.0f%%), tasks and the rest %.1f (%.0f%%)",
                totalSeconds,
                jitSeconds,
                100 * jitSeconds / totalSeconds,
                gcSeconds,
                100 * gcSeconds / totalSeconds,
                totalSeconds - jitSeconds - gcSeconds,
                100 * (totalSeconds - jitSeconds - gcSeconds) / totalSeconds);
    }
}
