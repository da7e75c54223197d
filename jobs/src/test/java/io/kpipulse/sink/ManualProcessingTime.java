package io.kpipulse.sink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;

/** Processing time that moves only when a test says so; due timers fire on the test's thread, like the mailbox. */
final class ManualProcessingTime implements ProcessingTimeService {

    private long now;
    private final List<Timer> timers = new ArrayList<>();

    @Override
    public long getCurrentProcessingTime() {
        return now;
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
        Timer timer = new Timer(timestamp, callback);
        timers.add(timer);
        return timer;
    }

    void advanceTo(long time) throws Exception {
        now = time;
        while (true) {
            Timer due = timers.stream()
                    .filter(t -> t.time <= now && !t.isDone())
                    .min(Comparator.comparingLong(t -> t.time))
                    .orElse(null);
            if (due == null) {
                break;
            }
            timers.remove(due);
            due.complete(null);
            due.callback.onProcessingTime(now);
        }
    }

    int pendingTimers() {
        return (int) timers.stream().filter(t -> !t.isDone()).count();
    }

    private static final class Timer extends CompletableFuture<Object> implements ScheduledFuture<Object> {
        final long time;
        final ProcessingTimeCallback callback;

        Timer(long time, ProcessingTimeCallback callback) {
            this.time = time;
            this.callback = callback;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(time, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }
    }
}
