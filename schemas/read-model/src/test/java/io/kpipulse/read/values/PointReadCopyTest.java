package io.kpipulse.read.values;

import static io.kpipulse.read.values.StoredRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Point reads (listed subjects) read the subject-first copy {@code indicator_values_by_subject} (V019); reads of
 * every subject read {@code indicator_values}. Over the same seeded rows — every key in up to four versions
 * written in shuffled order, each write its own part (unmerged), some versions written twice, some newest values
 * NULL — a scorecard, a history and an assembled rolling window read through the copy equal the every-subject read
 * of {@code indicator_values} (both ways) and the newest versions computed here from the seed.
 */
class PointReadCopyTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final String TENANT = "t-copy";
    private static final List<String> EMPLOYEES = List.of("e-01", "e-02", "e-03", "e-04", "e-05", "e-06");
    private static final List<String> MONTH_INDICATORS =
            List.of("new_policy_premium", "policies_issued", "commission_paid");
    private static final LocalDate FIRST_MONTH = LocalDate.of(2025, 12, 1);
    private static final int MONTHS = 13;
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 15);

    static StoredRows stored;

    /** Month-to-date newest value (null: undefined) by indicator, subject and month start; absent: never written. */
    static final Map<List<Object>, BigDecimal> newestMonth = new HashMap<>();

    static final Map<List<Object>, Long> newestMonthVersion = new HashMap<>();

    /** Day rows of claims_paid_amount: newest numerator by subject and day. */
    static final Map<List<Object>, BigDecimal> newestDay = new HashMap<>();

    @BeforeAll
    static void seed() throws Exception {
        stored = StoredRows.create(CLICKHOUSE, "reader_copy");
        Random random = new Random(20261201L);
        List<StoredRows.Row> writes = new ArrayList<>();
        for (String subject : EMPLOYEES) {
            for (String indicator : MONTH_INDICATORS) {
                for (int m = 0; m < MONTHS; m++) {
                    if (random.nextInt(5) == 0) {
                        continue; // nothing counted that month
                    }
                    LocalDate start = FIRST_MONTH.plusMonths(m);
                    int versions = 1 + random.nextInt(4);
                    for (int v = 1; v <= versions; v++) {
                        boolean undefined = v == versions && random.nextInt(6) == 0;
                        String value = undefined ? null : (random.nextInt(1_000_000) / 100) + "." + (v % 10) + "0";
                        writes.add(row(
                                        TENANT,
                                        indicator,
                                        "MONTH_TO_DATE",
                                        start.toString(),
                                        start.plusMonths(1).minusDays(1).toString(),
                                        "EMPLOYEE",
                                        subject,
                                        value)
                                .version(10L * m + v));
                        if (v == versions) {
                            List<Object> key = List.of(indicator, subject, start);
                            newestMonth.put(key, value == null ? null : new BigDecimal(value));
                            newestMonthVersion.put(key, 10L * m + v);
                        }
                    }
                }
            }
            for (LocalDate d = TODAY.minusDays(20); !d.isAfter(TODAY); d = d.plusDays(1)) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                int versions = 1 + random.nextInt(3);
                for (int v = 1; v <= versions; v++) {
                    long amount = 100L * (1 + random.nextInt(50));
                    writes.add(row(
                                    TENANT,
                                    "claims_paid_amount",
                                    "DAY",
                                    d.toString(),
                                    d.toString(),
                                    "EMPLOYEE",
                                    subject,
                                    "0")
                            .parts(String.valueOf(amount), "1")
                            .version(v));
                    if (v == versions) {
                        newestDay.put(List.of(subject, d), BigDecimal.valueOf(amount));
                    }
                }
            }
        }
        // Shuffled: stale versions arrive after newer ones; every write is its own part, some written twice.
        java.util.Collections.shuffle(writes, random);
        List<StoredRows.Row> batch = new ArrayList<>();
        for (StoredRows.Row write : writes) {
            batch.add(write);
            if (random.nextInt(8) == 0) {
                batch.add(write);
            }
            if (batch.size() >= 60) {
                stored.insert(batch.toArray(StoredRows.Row[]::new));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            stored.insert(batch.toArray(StoredRows.Row[]::new));
        }
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void aScorecardFromTheCopyEqualsTheEverySubjectReadOfBothMonths(ValueReadStrategy strategy) {
        IndicatorValueReader reader = stored.reader(strategy);
        for (int m = 1; m < MONTHS; m += 2) { // every other month: each is its own pair of partitions
            LocalDate day = FIRST_MONTH.plusMonths(m).plusDays(14);
            ValueGrid now = everySubject(reader, MONTH_INDICATORS, WindowType.MONTH_TO_DATE, day);
            ValueGrid before = everySubject(reader, MONTH_INDICATORS, WindowType.MONTH_TO_DATE, day.minusMonths(1));
            for (String subject : EMPLOYEES) {
                Map<String, InstanceValue> card = reader.values(
                        TENANT, MONTH_INDICATORS, WindowType.MONTH_TO_DATE, day, SubjectType.EMPLOYEE, subject);
                for (String indicator : MONTH_INDICATORS) {
                    IndicatorValue expected = now.get(subject, indicator).orElse(null);
                    InstanceValue got = card.get(indicator);
                    assertEquals(expected, got == null ? null : got.current(), indicator + " " + subject + " " + day);
                    if (got != null) {
                        assertEquals(before.get(subject, indicator).orElse(null), got.previous());
                    }
                    assertNewest(indicator, subject, FIRST_MONTH.plusMonths(m), expected);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void aThirteenMonthHistoryFromTheCopyEqualsTheEverySubjectReadOfEachMonth(ValueReadStrategy strategy) {
        IndicatorValueReader reader = stored.reader(strategy);
        Map<LocalDate, ValueGrid> months = new HashMap<>();
        for (int m = 0; m < MONTHS; m++) {
            LocalDate start = FIRST_MONTH.plusMonths(m);
            months.put(start, everySubject(reader, MONTH_INDICATORS, WindowType.MONTH_TO_DATE, start));
        }
        for (String subject : EMPLOYEES) {
            for (String indicator : MONTH_INDICATORS) {
                List<HistoryPoint> points = reader.history(new HistoryQuery(
                        TENANT,
                        indicator,
                        WindowType.MONTH_TO_DATE,
                        SubjectType.EMPLOYEE,
                        subject,
                        FIRST_MONTH,
                        TODAY,
                        HistoryStep.MONTH));
                assertEquals(MONTHS, points.size());
                for (HistoryPoint p : points) {
                    IndicatorValue expected = months.get(p.window().start())
                            .get(subject, indicator)
                            .orElse(null);
                    assertEquals(expected, p.value(), indicator + " " + subject + " " + p.day());
                    assertNewest(indicator, subject, p.window().start(), expected);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void aRollingWindowAssembledFromTheCopyEqualsTheOneAssembledFromEverySubject(ValueReadStrategy strategy) {
        IndicatorValueReader reader = stored.reader(strategy);
        List<String> indicator = List.of("claims_paid_amount");
        for (LocalDate asOf = TODAY.minusDays(12); !asOf.isAfter(TODAY); asOf = asOf.plusDays(3)) {
            ValueGrid every = everySubject(reader, indicator, WindowType.ROLLING_7D, asOf);
            ValueGrid listed = reader.bulkValues(new BulkValueQuery(
                    TENANT, SubjectType.EMPLOYEE, SubjectSet.ids(EMPLOYEES), indicator, WindowType.ROLLING_7D, asOf));
            assertEquals(every, listed, "as of " + asOf);
            WindowBounds week = WindowType.ROLLING_7D.instanceFor(asOf);
            for (String subject : EMPLOYEES) {
                // Independently: the sum of the newest day amounts of the week's days.
                BigDecimal sum = null;
                for (LocalDate d = week.start(); !d.isAfter(week.end()); d = d.plusDays(1)) {
                    BigDecimal amount = newestDay.get(List.of(subject, d));
                    if (amount != null) {
                        sum = sum == null ? amount : sum.add(amount);
                    }
                }
                BigDecimal got = listed.get(subject, "claims_paid_amount")
                        .map(IndicatorValue::value)
                        .orElse(null);
                assertEquals(sum == null, got == null, subject + " as of " + asOf);
                if (sum != null) {
                    assertEquals(0, sum.compareTo(got), subject + " as of " + asOf + ": " + sum + " vs " + got);
                }
            }
        }
    }

    @Test
    void whetherASubjectHasValuesIsAnsweredFromTheCopy() {
        IndicatorValueReader reader = stored.reader(ValueReadStrategy.FINAL);
        assertTrue(reader.hasValues(TENANT, SubjectType.EMPLOYEE, "e-01"));
        assertFalse(reader.hasValues(TENANT, SubjectType.EMPLOYEE, "e-99"));
        assertFalse(reader.hasValues(TENANT, SubjectType.DEPARTMENT, "e-01"));
        assertFalse(reader.hasValues("t-other", SubjectType.EMPLOYEE, "e-01"));
    }

    private static ValueGrid everySubject(
            IndicatorValueReader reader, List<String> indicators, WindowType window, LocalDate day) {
        return reader.bulkValues(
                new BulkValueQuery(TENANT, SubjectType.EMPLOYEE, SubjectSet.all(), indicators, window, day));
    }

    /** The value read is the newest version written, by the seed's own bookkeeping. */
    private static void assertNewest(String indicator, String subject, LocalDate monthStart, IndicatorValue read) {
        List<Object> key = List.of(indicator, subject, monthStart);
        assertEquals(newestMonthVersion.containsKey(key), read != null, "written at all: " + key);
        if (read != null) {
            assertEquals(newestMonthVersion.get(key), read.version(), "version of " + key);
            BigDecimal expected = newestMonth.get(key);
            if (expected == null) {
                assertEquals(null, read.value(), "undefined newest value of " + key);
            } else {
                assertEquals(0, expected.compareTo(read.value()), key + ": " + expected + " vs " + read.value());
            }
        }
    }
}
