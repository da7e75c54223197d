package io.kpipulse.api.live;

import io.kpipulse.read.changes.ValueChange;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client: a bounded queue drained onto its connection by a writer task. The poller only
 * offers to the queue, so a client whose network is slow never holds up the poller or the other clients;
 * a client whose queue is full has fallen too far behind and is disconnected (it reconnects and resumes
 * with Last-Event-ID, or reloads).
 */
final class LiveSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSubscriber.class);
    private static final String HEARTBEAT = "heartbeat";

    private final EventSink client;
    private final Predicate<ValueChange> scope;
    private final ArrayBlockingQueue<LiveEvent> queue;
    private final Executor writers;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** A comment line waiting to be written (heartbeat or greeting); the newest replaces an unsent one. */
    private final AtomicReference<String> comment = new AtomicReference<>();

    LiveSubscriber(EventSink client, Predicate<ValueChange> scope, int queueCapacity, Executor writers) {
        this.client = Objects.requireNonNull(client, "client");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.writers = Objects.requireNonNull(writers, "writers");
    }

    /** Queues the event if the client may see it; false when the client is gone or was dropped as too slow. */
    boolean offer(LiveEvent event) {
        if (closed.get()) {
            return false;
        }
        if (!scope.test(event.change())) {
            return true;
        }
        if (!queue.offer(event)) {
            LOG.info("live client {} dropped: {} events behind", client.describe(), queue.size());
            close();
            return false;
        }
        schedule();
        return true;
    }

    /** Queues a comment line, written on the writer task like every event (SseClient is not thread-safe). */
    void comment(String text) {
        comment.set(text);
        schedule();
    }

    void heartbeat() {
        comment(HEARTBEAT);
    }

    boolean closed() {
        return closed.get() || client.terminated();
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            client.close();
        }
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (!closed()) {
                String pending = comment.getAndSet(null);
                if (pending != null) {
                    client.comment(pending);
                }
                LiveEvent event = queue.poll();
                if (event == null) {
                    break;
                }
                client.event("value", event.json(), event.id());
            }
        } catch (RuntimeException e) {
            LOG.debug("live client write failed", e);
            close();
        } finally {
            draining.set(false);
        }
        // An offer between the last poll and the reset above found draining still set: pick it up.
        if (!closed() && (!queue.isEmpty() || comment.get() != null)) {
            schedule();
        }
    }
}
