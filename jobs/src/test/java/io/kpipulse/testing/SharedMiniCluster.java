package io.kpipulse.testing;

import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Flink MiniCluster per test JVM, shared by every test class that registers this extension, as the
 * broker and ClickHouse are shared ({@code KafkaExtension}, {@code ClickHouseExtension}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SharedMiniCluster FLINK = new SharedMiniCluster();
 * }</pre>
 *
 * <p>The cluster starts with the first such class and is closed by JUnit when the run ends. While a class
 * runs, its {@code @BeforeAll} methods included, {@code StreamExecutionEnvironment.getExecutionEnvironment()}
 * submits to it, at parallelism {@link #PARALLELISM} unless the job sets its own. When the class is done,
 * any job it left running (a failed test, a job it meant to cancel) is cancelled, so the next class
 * finds the cluster idle.
 */
public final class SharedMiniCluster implements BeforeAllCallback, AfterAllCallback {

    /** The parallelism of the tests' jobs. */
    public static final int PARALLELISM = 2;
    /** Twice the parallelism: a job submitted right after another was cancelled need not wait for its slots. */
    public static final int SLOTS = 2 * PARALLELISM;

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedMiniCluster.class);

    private volatile RunningCluster running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningCluster.class, k -> RunningCluster.start(), RunningCluster.class);
        TestStreamEnvironment.setAsContext(running.resource.getMiniCluster(), PARALLELISM);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestStreamEnvironment.unsetAsContext();
        if (running != null) {
            running.resource.cancelAllJobs();
        }
    }

    /** The running cluster (started by {@link #beforeAll}). */
    public MiniCluster miniCluster() {
        RunningCluster r = running;
        if (r == null) {
            throw new IllegalStateException(
                    "SharedMiniCluster not started: register it with @RegisterExtension on a static field");
        }
        return r.resource.getMiniCluster();
    }

    /** The cluster, closed by JUnit when the root context closes (end of run). */
    @SuppressWarnings("deprecation") // CloseableResource: the form every JUnit 5 version closes
    private static final class RunningCluster implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final MiniClusterResource resource;
        private boolean closed;

        private RunningCluster(MiniClusterResource resource) {
            this.resource = resource;
        }

        static RunningCluster start() {
            MiniClusterResource resource = new MiniClusterResource(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(SLOTS)
                    .build());
            try {
                resource.before();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the shared Flink MiniCluster", e);
            }
            return new RunningCluster(resource);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                resource.after();
            }
        }
    }
}
