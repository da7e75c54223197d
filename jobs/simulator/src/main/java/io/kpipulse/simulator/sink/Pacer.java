package io.kpipulse.simulator.sink;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces production in wall-clock time: at most {@code rate} records per second, and with time compression
 * {@code c}, a record of event time t is not sent before (t − first event time) / c after the start. Either
 * limit 0 means unlimited. The clock and the sleep are injected so tests need not wait.
 */
public final class Pacer {

    /** Sleeps for the given nanoseconds. */
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double rate;
    private final double compression;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long startNanos = -1;
    private long firstEventTime;
    private long sent;

    public Pacer(double rate, double compression, LongSupplier nanoClock, Sleeper sleeper) {
        this.rate = rate;
        this.compression = compression;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    public static Pacer system(double rate, double compression) {
        return new Pacer(rate, compression, System::nanoTime, nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
    }

    /** Blocks until the record with this event time may be sent. */
    public void await(long eventTime) {
        if (startNanos < 0) {
            startNanos = nanoClock.getAsLong();
            firstEventTime = eventTime;
        }
        long due = startNanos;
        if (rate > 0) {
            due = Math.max(due, startNanos + (long) (sent / rate * 1e9));
        }
        if (compression > 0) {
            due = Math.max(due, startNanos + (long) (Math.max(0, eventTime - firstEventTime) * 1e6 / compression));
        }
        sent++;
        long wait = due - nanoClock.getAsLong();
        if (wait > 0) {
            try {
                sleeper.sleepNanos(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing", e);
            }
        }
    }

    public boolean unlimited() {
        return rate <= 0 && compression <= 0;
    }
}
