package io.kpipulse.read.values;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One stored version of a calendar instance's close figures as decoded from RowBinary, without a {@link BigDecimal}
 * per decimal: {@link IndicatorValueReader#forEachInstanceFigureRow} hands one instance over row after row,
 * overwritten by the next row, so a reader keeps what it needs before returning. A decimal that fits a long (every
 * stored value below 10^12 at six places) is its unscaled long at {@link #SCALE} places; a wider one is a BigDecimal.
 * A freeze reads 4,000,000 of these; as {@link InstanceFigure}s they were 24,000,000 objects.
 */
public final class FigureRow {

    /** Decimal places of every decimal of the row (V002: {@code Decimal(38, 6)}). */
    public static final int SCALE = 6;

    /** The decimals of a row, by position: value, numerator, denominator, target, attainment. */
    public static final int DECIMALS = 5;

    private String indicatorId;
    private String subjectId;
    private final boolean[] present = new boolean[DECIMALS];
    private final long[] unscaled = new long[DECIMALS];
    private final BigDecimal[] wide = new BigDecimal[DECIMALS];
    private long eventCount;
    private long version;

    FigureRow() {}

    public String indicatorId() {
        return indicatorId;
    }

    public String subjectId() {
        return subjectId;
    }

    /** Whether decimal {@code i} (0 value … 4 attainment) is not null. */
    public boolean present(int i) {
        return present[i];
    }

    /** Whether decimal {@code i} is present and its unscaled value is {@link #unscaled}. */
    public boolean fitsLong(int i) {
        return present[i] && wide[i] == null;
    }

    /** Decimal {@code i}'s unscaled value at {@link #SCALE} places; only when {@link #fitsLong}. */
    public long unscaled(int i) {
        return unscaled[i];
    }

    /** Decimal {@code i} as a BigDecimal at {@link #SCALE} places, or null: what {@link InstanceFigure} holds. */
    public BigDecimal decimal(int i) {
        if (!present[i]) {
            return null;
        }
        return wide[i] != null ? wide[i] : BigDecimal.valueOf(unscaled[i], SCALE);
    }

    public long eventCount() {
        return eventCount;
    }

    public long version() {
        return version;
    }

    /** This row as an {@link InstanceFigure} (with its BigDecimals). */
    public InstanceFigure toFigure() {
        return new InstanceFigure(
                indicatorId, subjectId, decimal(0), decimal(1), decimal(2), decimal(3), decimal(4), eventCount);
    }

    void start(String indicatorId, String subjectId) {
        this.indicatorId = indicatorId;
        this.subjectId = subjectId;
    }

    void absent(int i) {
        present[i] = false;
        wide[i] = null;
    }

    /** Decimal {@code i} from its 128-bit two's complement unscaled value. */
    void decimal128(int i, long low, long high) {
        present[i] = true;
        if (high == (low >> 63)) {
            unscaled[i] = low;
            wide[i] = null;
            return;
        }
        byte[] bigEndian = new byte[16];
        for (int b = 0; b < 8; b++) {
            bigEndian[b] = (byte) (high >>> (56 - 8 * b));
            bigEndian[8 + b] = (byte) (low >>> (56 - 8 * b));
        }
        wide[i] = new BigDecimal(new BigInteger(bigEndian), SCALE);
    }

    void finish(long eventCount, long version) {
        this.eventCount = eventCount;
        this.version = version;
    }
}
