package io.kpipulse.api.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What every benchmark section of deploy/bench/RESULTS.md starts with, and its percentiles. */
final class BenchReport {

    private BenchReport() {}

    /** "## date UTC, title", the command, the commit (and whether the tree was dirty) and the machine. */
    static StringBuilder header(String title, String command, String machineNote) {
        StringBuilder md = new StringBuilder();
        md.append("\n## ")
                .append(LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(" UTC, ")
                .append(title)
                .append("\n\n");
        md.append("- command: `").append(command).append("`\n");
        String dirty = shell("sh", "-c", "git status --porcelain -- . ':!deploy/bench/RESULTS.md' | head -1");
        md.append("- commit: `")
                .append(shell("git", "rev-parse", "--short", "HEAD"))
                .append('`')
                .append(dirty.isEmpty() ? "" : " plus uncommitted changes")
                .append('\n');
        md.append("- machine: ")
                .append(shell("nproc"))
                .append(" cores, ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.version"))
                .append(", load average ")
                .append(shell("sh", "-c", "cut -d' ' -f1-3 /proc/loadavg"))
                .append("; ")
                .append(machineNote)
                .append('\n');
        return md;
    }

    /** The nearest-rank percentile of sorted values (NaN when there are none). */
    static double percentile(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    static String shell(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
