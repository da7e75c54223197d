package io.kpipulse.api.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.read.changes.ValueChange;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveSubscriberTest {

    /** A client connection that records what it got, and can be made to hang like a stalled network. */
    static final class FakeSink implements EventSink {
        final List<String> received = new CopyOnWriteArrayList<>();
        final CountDownLatch released = new CountDownLatch(1);
        final CountDownLatch writing = new CountDownLatch(1);
        volatile boolean stalled;
        volatile boolean closed;
        volatile CountDownLatch expected = new CountDownLatch(0);

        @Override
        public void event(String name, String data, String id) {
            writing.countDown();
            if (stalled) {
                try {
                    released.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            received.add(id);
            expected.countDown();
        }

        @Override
        public void comment(String text) {
            received.add(":" + text);
            expected.countDown();
        }

        @Override
        public void close() {
            closed = true;
            released.countDown();
        }

        @Override
        public boolean terminated() {
            return closed;
        }

        @Override
        public String describe() {
            return "fake";
        }
    }

    final ExecutorService writers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    static LiveEvent event(long seq, String subject) {
        ValueChange change = ChangeCursorTest.row(subject, seq, Instant.parse("2026-03-20T02:00:00Z"));
        return new LiveEvent("ev-" + seq, seq, "{}", change);
    }

    @Test
    void eventsReachTheClientInOrder() throws Exception {
        FakeSink sink = new FakeSink();
        sink.expected = new CountDownLatch(3);
        LiveSubscriber subscriber = new LiveSubscriber(sink, c -> true, 8, writers);
        for (long i = 1; i <= 3; i++) {
            assertTrue(subscriber.offer(event(i, "e-1")));
        }
        assertTrue(sink.expected.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("ev-1", "ev-2", "ev-3"), sink.received);
    }

    @Test
    void aStalledClientIsDroppedWhenItsQueueIsFullWhileAnotherKeepsReceiving() throws Exception {
        FakeSink slow = new FakeSink();
        slow.stalled = true;
        FakeSink fast = new FakeSink();
        int capacity = 4;
        fast.expected = new CountDownLatch(capacity + 2);
        LiveSubscriber stalled = new LiveSubscriber(slow, c -> true, capacity, writers);
        // Room for every event: whether the healthy client keeps up must not depend on thread timing here.
        LiveSubscriber healthy = new LiveSubscriber(fast, c -> true, 64, writers);

        assertTrue(stalled.offer(event(1, "e-1")));
        assertTrue(healthy.offer(event(1, "e-1")));
        // The writer holds event 1 in a write that does not return; the next `capacity` fill the queue.
        assertTrue(slow.writing.await(5, TimeUnit.SECONDS));
        for (long i = 2; i <= capacity + 1; i++) {
            assertTrue(stalled.offer(event(i, "e-1")), "queued " + i);
        }
        for (long i = 2; i <= capacity + 2; i++) {
            assertTrue(healthy.offer(event(i, "e-1")));
        }
        assertFalse(stalled.offer(event(capacity + 2, "e-1")), "one more than the queue holds drops the client");
        assertTrue(slow.closed);
        assertTrue(stalled.closed());
        assertFalse(stalled.offer(event(capacity + 3, "e-1")), "a dropped client takes nothing more");
        assertTrue(fast.expected.await(5, TimeUnit.SECONDS), "the healthy client got every event");
        assertFalse(healthy.closed());
    }

    @Test
    void changesOutsideTheClientsScopeAreNotSent() throws Exception {
        FakeSink sink = new FakeSink();
        sink.expected = new CountDownLatch(1);
        LiveSubscriber ownRowsOnly = new LiveSubscriber(sink, c -> c.subjectId().equals("e-1"), 8, writers);
        assertTrue(ownRowsOnly.offer(event(1, "e-2")));
        assertTrue(ownRowsOnly.offer(event(2, "e-1")));
        assertTrue(sink.expected.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("ev-2"), sink.received, "only the event of e-1 was written");
    }

    @Test
    void commentsGoThroughTheWriterLikeEvents() throws Exception {
        FakeSink sink = new FakeSink();
        sink.expected = new CountDownLatch(1);
        new LiveSubscriber(sink, c -> true, 8, writers).heartbeat();
        assertTrue(sink.expected.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(":heartbeat"), sink.received);
    }
}
