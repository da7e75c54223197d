package io.kpipulse.read.values;

import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One stored window instance of one indicator and subject type — every subject's newest version — in primitive
 * arrays indexed by the subject's number ({@link SubjectIndex}): 76 bytes a subject, no object per value. The five
 * decimals are their unscaled values at the table's scale (6) as longs; the rare decimal a long cannot hold (above
 * ±9.2 × 10^12) is kept as a {@link BigDecimal} beside them. Not thread-safe: {@link TenantValues} guards it.
 */
final class ValueColumn {

    /** Decimal places of the stored decimals (V002: {@code Decimal(38, 6)}). */
    static final int SCALE = 6;

    private static final long NULL = Long.MIN_VALUE;
    private static final long OVERFLOW = Long.MIN_VALUE + 1;
    /** No version stored for the subject: versions are unsigned and the engine's start above zero. */
    private static final long ABSENT = Long.MIN_VALUE;

    static final int VALUE = 0;
    static final int NUMERATOR = 1;
    static final int DENOMINATOR = 2;
    static final int TARGET = 3;
    static final int ATTAINMENT = 4;
    private static final int DECIMALS = 5;

    final String indicatorId;
    final WindowType windowType;
    final SubjectType subjectType;
    final LocalDate windowStart;

    /** Decimals, {@value #DECIMALS} per subject. */
    private long[] decimals = new long[0];

    private long[] eventCount = new long[0];
    private long[] lastEventMs = new long[0];
    private long[] catalogVersion = new long[0];
    private long[] version = new long[0];
    private int[] endDay = new int[0];
    private final Map<Integer, BigDecimal> overflow = new HashMap<>();
    private int present;
    /** Versions kept since the column was made: a ranking order computed at one count holds until it changes. */
    private long changes;
    /** The last every-subject order computed (read under the tenant's shared lock, so published as a whole). */
    private volatile Ranked ranked;

    /** Every subject with a value, best first, as of {@code changes} versions kept, for one direction. */
    record Ranked(long changes, Direction direction, int[] subjects) {}

    ValueColumn(String indicatorId, WindowType windowType, SubjectType subjectType, LocalDate windowStart) {
        this.indicatorId = indicatorId;
        this.windowType = windowType;
        this.subjectType = subjectType;
        this.windowStart = windowStart;
    }

    /** Subject numbers this column has room for (a number at or above it has no value here). */
    int capacity() {
        return version.length;
    }

    /** The cached every-subject order for {@code direction}, or null when the column changed since. */
    int[] rankedOrNull(Direction direction) {
        Ranked r = ranked;
        return r != null && r.changes() == changes && r.direction() == direction ? r.subjects() : null;
    }

    /** Caches an every-subject order computed over the column as it is now (the caller holds the shared lock). */
    void ranked(Direction direction, int[] subjects) {
        ranked = new Ranked(changes, direction, subjects);
    }

    /** Subjects with a value here. */
    int present() {
        return present;
    }

    boolean has(int subject) {
        return subject < version.length && version[subject] != ABSENT;
    }

    long version(int subject) {
        return version[subject];
    }

    /**
     * Keeps {@code v} for {@code subject} when it is newer than what is kept (a higher version: the same rule as
     * the table's {@code ReplacingMergeTree(version)}); answers whether it was kept. {@code subjects} is how many
     * subjects of the type are numbered: the room a growing column takes at once (a load numbers them all early).
     */
    boolean offer(int subject, IndicatorValue v, int subjects) {
        if (subject >= version.length) {
            grow(Math.max(subject + 1, subjects));
        }
        if (version[subject] != ABSENT && v.version() <= version[subject]) {
            return false;
        }
        if (version[subject] == ABSENT) {
            present++;
        }
        version[subject] = v.version();
        changes++;
        put(subject, VALUE, v.value());
        put(subject, NUMERATOR, v.numerator());
        put(subject, DENOMINATOR, v.denominator());
        put(subject, TARGET, v.target());
        put(subject, ATTAINMENT, v.attainment());
        eventCount[subject] = v.eventCount();
        lastEventMs[subject] = v.lastEventTime().toEpochMilli();
        catalogVersion[subject] = v.catalogVersion();
        endDay[subject] = (int) v.windowEnd().toEpochDay();
        return true;
    }

    /** The kept value of {@code subject} ({@link #has} must hold). */
    IndicatorValue value(int subject, String subjectId) {
        return new IndicatorValue(
                indicatorId,
                windowType,
                subjectType,
                subjectId,
                windowStart,
                LocalDate.ofEpochDay(endDay[subject]),
                decimal(subject, VALUE),
                decimal(subject, NUMERATOR),
                decimal(subject, DENOMINATOR),
                decimal(subject, TARGET),
                decimal(subject, ATTAINMENT),
                eventCount[subject],
                Instant.ofEpochMilli(lastEventMs[subject]),
                catalogVersion[subject],
                version[subject]);
    }

    boolean valueIsNull(int subject) {
        return decimals[subject * DECIMALS + VALUE] == NULL;
    }

    /**
     * Compares two subjects' values, both not null: the longs when both fit (the common case), else exactly as
     * decimals.
     */
    int compareValues(int a, int b) {
        long x = decimals[a * DECIMALS + VALUE];
        long y = decimals[b * DECIMALS + VALUE];
        if (x != OVERFLOW && y != OVERFLOW) {
            return Long.compare(x, y);
        }
        return decimal(a, VALUE).compareTo(decimal(b, VALUE));
    }

    private BigDecimal decimal(int subject, int field) {
        long unscaled = decimals[subject * DECIMALS + field];
        if (unscaled == NULL) {
            return null;
        }
        if (unscaled == OVERFLOW) {
            return overflow.get(subject * DECIMALS + field);
        }
        return BigDecimal.valueOf(unscaled, SCALE);
    }

    private void put(int subject, int field, BigDecimal d) {
        int at = subject * DECIMALS + field;
        overflow.remove(at);
        if (d == null) {
            decimals[at] = NULL;
            return;
        }
        if (d.scale() != SCALE) {
            // Stored decimals always have the table's scale; anything else would not round-trip as it was read.
            throw new IllegalArgumentException("decimal " + d + " of " + indicatorId + " is not at scale " + SCALE);
        }
        if (d.unscaledValue().bitLength() < 64) {
            long unscaled = d.unscaledValue().longValue();
            if (unscaled != NULL && unscaled != OVERFLOW) {
                decimals[at] = unscaled;
                return;
            }
        }
        decimals[at] = OVERFLOW;
        overflow.put(at, d);
    }

    private void grow(int needed) {
        int size = Math.max(needed, version.length + (version.length >> 1));
        int from = version.length;
        decimals = Arrays.copyOf(decimals, size * DECIMALS);
        eventCount = Arrays.copyOf(eventCount, size);
        lastEventMs = Arrays.copyOf(lastEventMs, size);
        catalogVersion = Arrays.copyOf(catalogVersion, size);
        version = Arrays.copyOf(version, size);
        endDay = Arrays.copyOf(endDay, size);
        Arrays.fill(version, from, size, ABSENT);
    }
}
