package io.kpipulse.read.values;

import static io.kpipulse.read.values.StoredRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.changes.ValueChange;
import io.kpipulse.read.changes.ValueChangeReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The in-memory read model answers exactly what {@link IndicatorValueReader} answers over the same ClickHouse
 * rows — both of the reader's strategies — for scorecards, ranking pages (both directions, every subject or a
 * listed few, pages past the end), standings and histories of month-to-date, week and day windows: over every
 * key in up to four versions written in shuffled order, each write its own part (unmerged), some written twice,
 * some newest values NULL, ties, and decimals too large for a long. Then new versions arrive through the change
 * feed (newer, stale, new subjects, values turned NULL) and the answers are equal again.
 */
class InMemoryValuesTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final String TENANT = "t-memory";
    private static final List<String> EMPLOYEES = new ArrayList<>();
    private static final List<String> DEPARTMENTS = List.of("d-1", "d-2", "d-3");
    private static final List<String> INDICATORS = List.of("new_policy_premium", "policies_issued");
    private static final LocalDate FIRST_MONTH = LocalDate.of(2025, 12, 1);
    private static final int MONTHS = 13;
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 15);
    private static final LocalDate KEPT_FROM = LocalDate.of(2025, 11, 1);
    private static final InMemoryValues.Horizon HORIZON = new InMemoryValues.Horizon(List.of(
            new InMemoryValues.Horizon.Keep(WindowType.MONTH_TO_DATE, EnumSet.allOf(SubjectType.class), KEPT_FROM),
            new InMemoryValues.Horizon.Keep(WindowType.WEEK, EnumSet.allOf(SubjectType.class), KEPT_FROM),
            new InMemoryValues.Horizon.Keep(WindowType.DAY, EnumSet.allOf(SubjectType.class), KEPT_FROM)));

    static StoredRows stored;
    static InMemoryValues memory;
    static final Random RANDOM = new Random(20261201L);
    static long nextVersion = 1;

    @BeforeAll
    static void seed() throws Exception {
        for (int i = 1; i <= 14; i++) {
            EMPLOYEES.add(String.format("e-%02d", i));
        }
        stored = StoredRows.create(CLICKHOUSE, "reader_memory");
        List<StoredRows.Row> writes = new ArrayList<>();
        for (String indicator : INDICATORS) {
            for (int m = 0; m < MONTHS; m++) {
                LocalDate start = FIRST_MONTH.plusMonths(m);
                instance(
                        writes,
                        indicator,
                        "MONTH_TO_DATE",
                        start,
                        start.plusMonths(1).minusDays(1));
            }
            for (LocalDate d = TODAY.minusDays(20); !d.isAfter(TODAY); d = d.plusDays(1)) {
                instance(writes, indicator, "DAY", d, d);
            }
            for (LocalDate w = WindowType.WEEK.instanceFor(TODAY.minusDays(28)).start();
                    !w.isAfter(TODAY);
                    w = w.plusWeeks(1)) {
                instance(writes, indicator, "WEEK", w, w.plusDays(6));
            }
        }
        // Shuffled: stale versions arrive after newer ones; every write is its own part, some written twice.
        Collections.shuffle(writes, RANDOM);
        insertInParts(writes);
        memory = new InMemoryValues(stored.connections());
        memory.load(TENANT, HORIZON);
    }

    /** Every subject of both types gets up to four versions of the instance (or none, sometimes). */
    private static void instance(
            List<StoredRows.Row> writes, String indicator, String window, LocalDate start, LocalDate end) {
        for (SubjectType type : SubjectType.values()) {
            List<String> subjects = type == SubjectType.EMPLOYEE
                    ? EMPLOYEES.subList(0, 12)
                    : type == SubjectType.DEPARTMENT ? DEPARTMENTS : List.of();
            for (String subject : subjects) {
                if (RANDOM.nextInt(6) == 0) {
                    continue; // nothing counted
                }
                int versions = 1 + RANDOM.nextInt(4);
                for (int v = 1; v <= versions; v++) {
                    writes.add(version(indicator, window, start, end, type, subject, v == versions));
                }
            }
        }
    }

    /** One version: values from a few levels (ties), sometimes NULL, sometimes beyond a long's range. */
    private static StoredRows.Row version(
            String indicator,
            String window,
            LocalDate start,
            LocalDate end,
            SubjectType type,
            String subject,
            boolean mayBeUndefined) {
        int pick = RANDOM.nextInt(20);
        String value = mayBeUndefined && pick == 0
                ? null
                : pick == 1 ? "98765432109876.5" : (RANDOM.nextInt(6) * 250) + "." + RANDOM.nextInt(10) + "5";
        return row(TENANT, indicator, window, start.toString(), end.toString(), type.name(), subject, value)
                .target("1000", value == null ? null : "0.5")
                .version(nextVersion++);
    }

    private static void insertInParts(List<StoredRows.Row> writes) throws Exception {
        List<StoredRows.Row> batch = new ArrayList<>();
        for (StoredRows.Row write : writes) {
            batch.add(write);
            if (RANDOM.nextInt(8) == 0) {
                batch.add(write);
            }
            if (batch.size() >= 40) {
                stored.insert(batch.toArray(StoredRows.Row[]::new));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            stored.insert(batch.toArray(StoredRows.Row[]::new));
        }
    }

    @Test
    void loadedAnswersEqualTheReadersOfBothStrategies() {
        for (ValueReadStrategy strategy : ValueReadStrategy.values()) {
            assertAllEqual(stored.reader(strategy), strategy.name());
        }
    }

    @Test
    void answersEqualTheReadersAgainAfterNewVersionsArriveThroughTheChangeFeed() throws Exception {
        ValueChangeReader changes = new ValueChangeReader(stored.connections());
        long before = changes.newestBlock();
        List<StoredRows.Row> writes = new ArrayList<>();
        for (String indicator : INDICATORS) {
            for (int m = MONTHS - 3; m < MONTHS; m++) {
                LocalDate start = FIRST_MONTH.plusMonths(m);
                LocalDate end = start.plusMonths(1).minusDays(1);
                for (String subject : EMPLOYEES) { // e-13 and e-14 are new subjects
                    writes.add(version(indicator, "MONTH_TO_DATE", start, end, SubjectType.EMPLOYEE, subject, true));
                }
                // A stale version written late: lower than any the seed wrote for the month, so it never wins.
                writes.add(row(
                                TENANT,
                                indicator,
                                "MONTH_TO_DATE",
                                start.toString(),
                                end.toString(),
                                "EMPLOYEE",
                                "e-01",
                                "1.000000")
                        .version(0));
            }
            writes.add(version(indicator, "DAY", TODAY, TODAY, SubjectType.DEPARTMENT, "d-2", true));
        }
        Collections.shuffle(writes, RANDOM);
        insertInParts(writes);
        List<ValueChange> news = changes.after(TENANT, before, 100_000).rows();
        assertTrue(news.size() >= writes.size() / 2, "the feed reads what was written: " + news.size());
        memory.offer(TENANT, news.stream().flatMap(c -> c.asValue().stream()).toList());
        assertAllEqual(stored.reader(ValueReadStrategy.ARG_MAX), "after the feed");
        assertTrue(memory.keepsAny(TENANT, SubjectType.EMPLOYEE, "e-13"));
    }

    @Test
    void questionsOutsideTheHorizonAreNotAnsweredFromMemoryAndTheCurrentReaderAsksClickHouse() {
        SubjectType e = SubjectType.EMPLOYEE;
        assertFalse(memory.coversInstance(TENANT, WindowType.ROLLING_7D, e, TODAY), "rolling windows are assembled");
        assertFalse(memory.coversInstance(TENANT, WindowType.MONTH_TO_DATE, e, KEPT_FROM), "its previous month");
        assertTrue(memory.coversInstance(TENANT, WindowType.MONTH_TO_DATE, e, KEPT_FROM.plusMonths(1)));
        assertFalse(memory.coversInstance(TENANT, WindowType.QUARTER_TO_DATE, e, TODAY), "a window not kept");
        assertFalse(memory.coversInstance("t-other", WindowType.MONTH_TO_DATE, e, TODAY), "a tenant not loaded");
        IndicatorValueReader reader = stored.reader(ValueReadStrategy.FINAL);
        CurrentValueReader current = new CurrentValueReader(reader, memory);
        LocalDate old = KEPT_FROM;
        for (String subject : EMPLOYEES) {
            assertEquals(
                    reader.values(TENANT, INDICATORS, WindowType.MONTH_TO_DATE, old, SubjectType.EMPLOYEE, subject),
                    current.values(TENANT, INDICATORS, WindowType.MONTH_TO_DATE, old, SubjectType.EMPLOYEE, subject));
        }
        assertTrue(current.hasValues(TENANT, SubjectType.EMPLOYEE, "e-01"));
        assertFalse(current.hasValues(TENANT, SubjectType.EMPLOYEE, "e-99"));
        assertFalse(current.hasValues(TENANT, SubjectType.DEPARTMENT, "e-01"));
    }

    @Test
    void aSuspendedTenantIsAnsweredByTheReaderUntilLoadedAgain() {
        InMemoryValues own = new InMemoryValues(stored.connections());
        long kept = own.load(TENANT, HORIZON);
        assertTrue(kept > 0);
        own.suspend(TENANT);
        assertFalse(own.coversInstance(TENANT, WindowType.MONTH_TO_DATE, SubjectType.EMPLOYEE, TODAY));
        assertEquals(kept, own.load(TENANT, HORIZON), "a reload merges into the same values");
        assertTrue(own.coversInstance(TENANT, WindowType.MONTH_TO_DATE, SubjectType.EMPLOYEE, TODAY));
    }

    @Test
    void theDashboardsHorizonKeepsMonthsForEverySubjectAndRecentDaysOfDepartmentsOnly() {
        InMemoryValues own = new InMemoryValues(stored.connections());
        own.load(TENANT, InMemoryValues.Horizon.dashboard(TODAY, Set.of(WindowType.MONTH_TO_DATE), 13, 10));
        assertTrue(own.coversInstance(TENANT, WindowType.MONTH_TO_DATE, SubjectType.EMPLOYEE, TODAY));
        assertTrue(own.coversInstance(TENANT, WindowType.DAY, SubjectType.DEPARTMENT, TODAY.minusDays(8)));
        assertFalse(own.coversInstance(TENANT, WindowType.DAY, SubjectType.DEPARTMENT, TODAY.minusDays(9)));
        assertFalse(own.coversInstance(TENANT, WindowType.DAY, SubjectType.EMPLOYEE, TODAY));
        assertFalse(own.coversInstance(TENANT, WindowType.WEEK, SubjectType.EMPLOYEE, TODAY));
        IndicatorValueReader reader = stored.reader(ValueReadStrategy.FINAL);
        for (String d : DEPARTMENTS) {
            HistoryQuery days = new HistoryQuery(
                    TENANT,
                    INDICATORS.get(0),
                    WindowType.DAY,
                    SubjectType.DEPARTMENT,
                    d,
                    TODAY.minusDays(8),
                    TODAY,
                    HistoryStep.DAY);
            assertTrue(own.covers(days));
            assertEquals(reader.history(days), own.history(days), d);
        }
    }

    /**
     * Scorecards of every subject, ranking pages and standings, histories: a sample of as-of days per window (each
     * reader answer is a query, and the test asks a few hundred).
     */
    private static void assertAllEqual(IndicatorValueReader reader, String label) {
        for (SubjectType type : List.of(SubjectType.EMPLOYEE, SubjectType.DEPARTMENT)) {
            List<String> subjects = new ArrayList<>(type == SubjectType.EMPLOYEE ? EMPLOYEES : DEPARTMENTS);
            subjects.add("x-unknown");
            for (WindowType window : List.of(WindowType.MONTH_TO_DATE, WindowType.WEEK, WindowType.DAY)) {
                List<LocalDate> asOf = window == WindowType.MONTH_TO_DATE
                        ? List.of(TODAY, FIRST_MONTH.plusMonths(6).plusDays(9), FIRST_MONTH)
                        : List.of(TODAY, TODAY.minusDays(9));
                for (int i = 0; i < asOf.size(); i++) {
                    LocalDate day = asOf.get(i);
                    String at = label + " " + type + " " + window + " " + day;
                    assertTrue(memory.coversInstance(TENANT, window, type, day), at);
                    for (String subject : subjects) {
                        assertEquals(
                                reader.values(TENANT, INDICATORS, window, day, type, subject),
                                memory.values(TENANT, INDICATORS, window, day, type, subject),
                                at + " " + subject);
                    }
                    if (i == 0 || type == SubjectType.EMPLOYEE) {
                        String indicator = INDICATORS.get(i % INDICATORS.size());
                        assertRankingsEqual(reader, indicator, window.instanceFor(day), type, subjects, at);
                    }
                }
            }
            for (String subject : subjects) {
                for (String indicator : INDICATORS) {
                    HistoryQuery months = new HistoryQuery(
                            TENANT,
                            indicator,
                            WindowType.MONTH_TO_DATE,
                            type,
                            subject,
                            FIRST_MONTH,
                            TODAY,
                            HistoryStep.MONTH);
                    HistoryQuery daily = new HistoryQuery(
                            TENANT,
                            indicator,
                            WindowType.DAY,
                            type,
                            subject,
                            TODAY.minusDays(20),
                            TODAY,
                            HistoryStep.DAY);
                    HistoryQuery query = subject.hashCode() % 2 == 0 ? months : daily;
                    assertTrue(memory.covers(query));
                    assertEquals(reader.history(query), memory.history(query), label + " history " + query);
                }
            }
        }
    }

    private static void assertRankingsEqual(
            IndicatorValueReader reader,
            String indicator,
            WindowBounds instance,
            SubjectType type,
            List<String> subjects,
            String at) {
        for (Direction direction : Direction.values()) {
            RankingQuery every = RankingQuery.all(TENANT, indicator, direction, instance, type);
            List<String> some = subjects.subList(1, Math.max(2, subjects.size() - 2));
            for (RankingQuery q : List.of(every, every.among(some), every.among(List.of()))) {
                String what = at + " " + indicator + " " + direction + " among " + q.subjectIds();
                assertTrue(memory.covers(q), what);
                for (int[] page : new int[][] {{5, 0}, {4, 3}, {5, 40}}) {
                    assertEquals(
                            reader.ranking(q, page[0], page[1]),
                            memory.ranking(q, page[0], page[1]),
                            what + " page " + page[0] + "@" + page[1]);
                }
                for (String subject : List.of(subjects.get(0), subjects.get(2), subjects.get(subjects.size() - 1))) {
                    Optional<IndicatorValueReader.RankedStanding> expected = reader.rankOf(q, subject);
                    assertEquals(expected, memory.rankOf(q, subject), what + " standing of " + subject);
                }
            }
        }
    }
}
