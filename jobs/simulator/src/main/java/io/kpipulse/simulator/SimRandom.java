package io.kpipulse.simulator;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The only source of randomness of the simulator: a seeded {@link SplittableRandom} with the few
 * distributions the behaviour model needs. Every stream of randomness is {@link #split() split} in a fixed
 * order, so one seed always produces the same company and the same events, whatever else changes.
 */
public final class SimRandom {

    private final SplittableRandom random;

    public SimRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private SimRandom(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream; the parent advances by exactly one step. */
    public SimRandom split() {
        return new SimRandom(random.split());
    }

    public double uniform() {
        return random.nextDouble();
    }

    public int between(int fromInclusive, int toInclusive) {
        return random.nextInt(fromInclusive, toInclusive + 1);
    }

    public long nextLong(long boundExclusive) {
        return random.nextLong(boundExclusive);
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** Standard normal by Box–Muller (no cached second value, so the stream stays position-independent). */
    public double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Log-normal with the given median and shape: the natural distribution of handling times. */
    public double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * gaussian());
    }

    /** Poisson by inversion (rates here are small); for large means a rounded normal approximation. */
    public int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    /** A version-4 UUID drawn from this stream: event ids are reproducible from the seed. */
    public UUID uuid() {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Random bytes (for malformed records). */
    public byte[] bytes(int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }
}
