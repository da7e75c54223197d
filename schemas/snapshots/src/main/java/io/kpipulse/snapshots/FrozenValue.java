package io.kpipulse.snapshots;

import io.kpipulse.read.values.FigureRow;
import io.kpipulse.read.values.InstanceFigure;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One indicator value of a snapshot line as the engine stored it for the period's window: the value, its
 * unrounded parts, the target and attainment the engine used, and how many events it counts. Any of the
 * decimals may be null (a 0 / 0 rate, no target).
 *
 * <p>Immutable, equal by its decimals (scale included, as {@link BigDecimal#equals}) and event count. A freeze holds
 * 4,000,000 of these for the whole time it formats and writes: each decimal that fits (at most 18 digits, 0 to 18
 * places: every stored value) is kept as its unscaled long and scale rather than as a BigDecimal, so a value is one
 * object instead of six, and the canonical text is written from the longs. The accessors answer BigDecimals.
 */
public final class FrozenValue {

    private static final int DECIMALS = 5;

    /** 10^18: a compact decimal's unscaled value is below it in magnitude (the canonical text's fast path). */
    private static final long COMPACT_LIMIT = 1_000_000_000_000_000_000L;

    private final long value;
    private final long numerator;
    private final long denominator;
    private final long target;
    private final long attainment;
    /** Each decimal's scale in 8 bits, decimal i at bits 8i..8i+7. */
    private final long scales;
    /** Bit i: decimal i is null. */
    private final byte absent;
    /** The decimals that do not fit a long, by position; null when all fit (nearly always). */
    private final BigDecimal[] wide;

    private final long eventCount;

    public FrozenValue(
            BigDecimal value,
            BigDecimal numerator,
            BigDecimal denominator,
            BigDecimal target,
            BigDecimal attainment,
            long eventCount) {
        this(
                new Builder()
                        .set(0, value)
                        .set(1, numerator)
                        .set(2, denominator)
                        .set(3, target)
                        .set(4, attainment),
                eventCount);
    }

    private FrozenValue(Builder b, long eventCount) {
        this.value = b.unscaled[0];
        this.numerator = b.unscaled[1];
        this.denominator = b.unscaled[2];
        this.target = b.unscaled[3];
        this.attainment = b.unscaled[4];
        this.scales = b.scales;
        this.absent = b.absent;
        this.wide = b.wide;
        this.eventCount = eventCount;
    }

    public static FrozenValue of(InstanceFigure v) {
        return new FrozenValue(v.value(), v.numerator(), v.denominator(), v.target(), v.attainment(), v.eventCount());
    }

    /** A read model's figure row as it is now (the row is reused: nothing of it is kept). */
    public static FrozenValue of(FigureRow row) {
        Builder b = new Builder();
        for (int i = 0; i < DECIMALS; i++) {
            if (!row.present(i)) {
                b.absent |= (byte) (1 << i);
            } else if (row.fitsLong(i) && Math.abs(row.unscaled(i)) < COMPACT_LIMIT) {
                b.compact(i, row.unscaled(i), FigureRow.SCALE);
            } else {
                b.wide(i, row.decimal(i));
            }
        }
        return new FrozenValue(b, row.eventCount());
    }

    public BigDecimal value() {
        return decimal(0);
    }

    public BigDecimal numerator() {
        return decimal(1);
    }

    public BigDecimal denominator() {
        return decimal(2);
    }

    public BigDecimal target() {
        return decimal(3);
    }

    public BigDecimal attainment() {
        return decimal(4);
    }

    public long eventCount() {
        return eventCount;
    }

    /** The same figure, whatever the decimals' scale (ClickHouse gives six places, a computation may give fewer). */
    public boolean sameAs(FrozenValue other) {
        return CanonicalForm.value(this).equals(CanonicalForm.value(other));
    }

    /** Appends decimal {@code i}'s canonical text ({@link CanonicalForm#decimal}) without a BigDecimal when compact. */
    StringBuilder appendDecimal(StringBuilder b, int i) {
        if ((absent & (1 << i)) != 0) {
            return b.append(CanonicalForm.NULL);
        }
        if (wide != null && wide[i] != null) {
            return CanonicalForm.appendDecimal(b, wide[i]);
        }
        return CanonicalForm.appendCompact(b, unscaled(i), scale(i));
    }

    private BigDecimal decimal(int i) {
        if ((absent & (1 << i)) != 0) {
            return null;
        }
        if (wide != null && wide[i] != null) {
            return wide[i];
        }
        return BigDecimal.valueOf(unscaled(i), scale(i));
    }

    private long unscaled(int i) {
        return switch (i) {
            case 0 -> value;
            case 1 -> numerator;
            case 2 -> denominator;
            case 3 -> target;
            default -> attainment;
        };
    }

    private int scale(int i) {
        return (int) ((scales >>> (8 * i)) & 0xff);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FrozenValue other) || eventCount != other.eventCount) {
            return false;
        }
        for (int i = 0; i < DECIMALS; i++) {
            if (!Objects.equals(decimal(i), other.decimal(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(value(), numerator(), denominator(), target(), attainment(), eventCount);
    }

    @Override
    public String toString() {
        return "FrozenValue[value=" + value() + ", numerator=" + numerator() + ", denominator=" + denominator()
                + ", target=" + target() + ", attainment=" + attainment() + ", eventCount=" + eventCount + "]";
    }

    /** The decimals while a value is made: compact where they fit, wide otherwise. */
    private static final class Builder {
        final long[] unscaled = new long[DECIMALS];
        long scales;
        byte absent;
        BigDecimal[] wide;

        Builder set(int i, BigDecimal d) {
            if (d == null) {
                absent |= (byte) (1 << i);
            } else if (d.scale() >= 0 && d.scale() <= 18 && d.precision() <= 18) {
                compact(i, d.unscaledValue().longValue(), d.scale());
            } else {
                wide(i, d);
            }
            return this;
        }

        void compact(int i, long u, int scale) {
            unscaled[i] = u;
            scales |= ((long) scale) << (8 * i);
        }

        void wide(int i, BigDecimal d) {
            if (wide == null) {
                wide = new BigDecimal[DECIMALS];
            }
            wide[i] = d;
        }
    }
}
