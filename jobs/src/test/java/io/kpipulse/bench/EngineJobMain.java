package io.kpipulse.bench;

import io.kpipulse.config.Settings;
import io.kpipulse.pipeline.IndicatorJob;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One engine run for {@link EngineBench}, in its own JVM: the job on a local MiniCluster at the given parallelism,
 * with the settings passed as {@code key=value} arguments. Prints {@link #STARTED} right after submitting the job
 * (ClickHouse migration done), then runs until the process is stopped.
 *
 * <p>Why a separate JVM: the bench process hosts ClickHouse (chDB) and the generator; a JVM per run keeps the
 * engine's heap, GC and threads apart from them, as in production, and a cancelled run leaves nothing behind.
 */
public final class EngineJobMain {

    public static final String STARTED = "KPI-BENCH-JOB-SUBMITTED";
    /** An argument {@code kpi.bench.restore-from=<checkpoint URI>} starts the job from that checkpoint. */
    public static final String RESTORE_FROM = "kpi.bench.restore-from";
    /**
     * Arguments {@code kpi.bench.flink-rest-url=<url>} and {@code kpi.bench.flink-job-jar=<path>} run the job on that
     * standalone session cluster from the application jar instead of on a MiniCluster in this JVM.
     */
    public static final String FLINK_REST_URL = "kpi.bench.flink-rest-url";

    public static final String FLINK_JOB_JAR = "kpi.bench.flink-job-jar";

    private EngineJobMain() {}

    public static void main(String[] args) throws Exception {
        org.apache.logging.log4j.core.config.Configurator.setLevel(
                "org.apache.flink.metrics", org.apache.logging.log4j.Level.ERROR);
        int parallelism = Integer.parseInt(args[0]);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            values.put(kv[0], kv[1]);
        }
        String restoreFrom = values.remove(RESTORE_FROM);
        String cluster = values.remove(FLINK_REST_URL);
        String jobJar = values.remove(FLINK_JOB_JAR);
        if (cluster != null) {
            onSessionCluster(new SessionClusterJob(cluster), java.nio.file.Path.of(jobJar), values, restoreFrom);
            return;
        }
        Settings settings = Settings.of(values);
        Configuration conf = IndicatorJob.flinkConfiguration(settings);
        if (restoreFrom != null) {
            // A fault drill restarts the killed job from its last checkpoint, as an operator would.
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        String name = IndicatorJob.wire(env, settings); // migrates the fresh database first: not part of the timing
        JobClient job = env.executeAsync(name);
        System.out.println(STARTED + " " + job.getJobID());
        System.out.flush();
        job.getJobExecutionResult().get(); // runs until the bench stops this process
    }

    /**
     * Submits the job to the cluster, prints {@link #STARTED} and waits while it runs; the bench stopping this process
     * cancels it (a shutdown hook), so the next run starts on a free TaskManager.
     */
    private static void onSessionCluster(
            SessionClusterJob cluster, java.nio.file.Path jar, Map<String, String> settings, String restoreFrom)
            throws Exception {
        String jobId = cluster.submit(jar, settings, restoreFrom);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.cancel(jobId);
            } catch (Exception e) {
                System.err.println("could not cancel job " + jobId + ": " + e);
            }
        }));
        System.out.println(STARTED + " " + jobId);
        System.out.flush();
        while (true) {
            Thread.sleep(2_000);
            String state = cluster.state(jobId);
            if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
                throw new IllegalStateException("job " + jobId + " on the session cluster ended: " + state);
            }
        }
    }
}
