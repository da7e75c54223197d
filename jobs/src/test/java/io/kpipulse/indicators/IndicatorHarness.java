package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.ingest.ControlUpdate;
import io.kpipulse.org.OrgChange;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.tenants.TenantCalendar;
import io.kpipulse.testing.HarnessState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * The two keyed operators that hold indicator state, each under Flink's operator harness, wired as in
 * the job: correlated sides go through {@link CorrelationJoiner}, whose items meet the admitted items in
 * {@link IndicatorAggregator}. A watermark reaches the joiner first, and what its timers emit reaches the
 * aggregator before that watermark does, as downstream of a real operator. Times are local date-times in
 * the tenant's zone; every test tenant has the same small org tree, valid from 2025 on:
 * {@code d-root} above {@code d-team} (e-1), {@code d-other} (e-2), {@code d-sales} (e-sales),
 * {@code d-fin} (e-fin) and {@code d-claims} (e-claims).
 */
final class IndicatorHarness implements AutoCloseable {

    static final String TENANT = "t";
    static final long FLUSH_MILLIS = 200;
    /** How far before the watermark admission accepts an event, unless a test says otherwise. */
    static final Duration HORIZON = Duration.ofMinutes(1);

    static final Duration MAX_PAIRING = Duration.ofDays(400);

    private static final Map<String, String> DEPARTMENT_OF =
            Map.of("e-1", "d-team", "e-2", "d-other", "e-sales", "d-sales", "e-fin", "d-fin", "e-claims", "d-claims");

    /** Who an item is credited to: an employee (or none) and the department path, nearest first. */
    record Who(String employee, List<String> departments) {

        static Who employee(String id, String... departments) {
            return new Who(id, List.of(departments));
        }

        static Who department(String... departments) {
            return new Who(null, List.of(departments));
        }

        Attribution attribution() {
            return new Attribution(employee, departments, List.of());
        }
    }

    static final Who E1 = Who.employee("e-1", "d-team", "d-root");
    static final Who E2 = Who.employee("e-2", "d-other", "d-root");

    private final TenantCalendar calendar;
    private final IndicatorCatalog catalog;
    private final KeyedBroadcastOperatorTestHarness<String, Partial, ControlUpdate, SubjectItem> joiner;
    private final KeyedBroadcastOperatorTestHarness<String, SubjectBatch, CatalogUpdate, IndicatorRow> aggregator;
    private int forwarded;
    private long processingTime;
    private int sequence;

    IndicatorHarness(CatalogUpdate catalog) throws Exception {
        this(catalog, TenantCalendar.defaults(), MAX_PAIRING);
    }

    IndicatorHarness(CatalogUpdate catalog, TenantCalendar calendar, Duration maxPairing) throws Exception {
        this(catalog, calendar, maxPairing, HORIZON);
    }

    /** @param horizon how far before the watermark the items sent are allowed to be dated */
    IndicatorHarness(CatalogUpdate catalog, Duration horizon) throws Exception {
        this(catalog, TenantCalendar.defaults(), MAX_PAIRING, horizon);
    }

    private IndicatorHarness(CatalogUpdate catalog, TenantCalendar calendar, Duration maxPairing, Duration horizon)
            throws Exception {
        this.calendar = calendar;
        this.catalog = catalog.parse();
        joiner = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new CorrelationJoiner(catalog, Map.of(TENANT, calendar), maxPairing.toMillis()),
                Partial::joinKey,
                Types.STRING,
                OrgDirectory.STATE,
                CurrentCatalog.STATE,
                CurrentCalendars.STATE);
        joiner.open();
        aggregator = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new IndicatorAggregator(
                        catalog,
                        FLUSH_MILLIS,
                        FLUSH_MILLIS * 10,
                        Duration.ofSeconds(10).toMillis(),
                        horizon.toMillis()),
                SubjectBatch::key,
                Types.STRING,
                CurrentCatalog.STATE);
        aggregator.open();
        long since = millis("2025-01-01T00:00");
        List<String> departments = List.of("d-team", "d-other", "d-sales", "d-fin", "d-claims");
        org(new OrgChange(TENANT, OrgChange.Kind.DEPARTMENT_PARENT, "d-root", since, null));
        departments.forEach(d -> org(new OrgChange(TENANT, OrgChange.Kind.DEPARTMENT_PARENT, d, since, "d-root")));
        DEPARTMENT_OF.forEach((e, d) -> org(new OrgChange(TENANT, OrgChange.Kind.EMPLOYEE_DEPARTMENT, e, since, d)));
    }

    // ------------------------------------------------------------------ time

    long millis(String localDateTime) {
        return LocalDateTime.parse(localDateTime)
                .atZone(calendar.zone())
                .toInstant()
                .toEpochMilli();
    }

    /** Moves the watermark of both operators to {@code localDateTime} in the tenant's zone. */
    void advanceTo(String localDateTime) throws Exception {
        advanceTo(millis(localDateTime));
    }

    void advanceTo(long watermark) throws Exception {
        joiner.watermark(watermark);
        forwardJoined();
        aggregator.watermark(watermark);
    }

    /** Lets one flush interval of processing time pass: coalesced changes are written. */
    void flush() throws Exception {
        processingTime += FLUSH_MILLIS;
        aggregator.setProcessingTime(processingTime);
    }

    // ------------------------------------------------------------------ inputs

    /**
     * Items as admission emits them: addressed to every subject of the indicator, and folded per subject key
     * as {@link LocalPreAggregation} folds what one subtask makes before a watermark: the items of one call
     * reach the windows as one batch per key.
     */
    void send(Item... items) throws Exception {
        Map<String, SubjectBatch> batches = new LinkedHashMap<>();
        for (Item item : items) {
            IndicatorDefinition definition = catalog.find(item.indicatorId()).orElseThrow();
            SubjectFanOut.fanOut(
                    definition,
                    item,
                    calendar.zone().getId(),
                    s -> batches.computeIfAbsent(s.key(), k -> new SubjectBatch())
                            .add(s));
        }
        for (SubjectBatch batch : batches.values()) {
            process(batch);
        }
    }

    private void process(SubjectBatch batch) {
        try {
            aggregator.processElement(batch, batch.last().item().timeMillis());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sides of correlated items, in arrival order. */
    void send(Partial... sides) throws Exception {
        for (Partial side : sides) {
            joiner.processElement(side, side.eventTime());
            forwardJoined();
        }
    }

    private void forwardJoined() {
        List<SubjectItem> joined = joined();
        for (SubjectItem item : joined.subList(forwarded, joined.size())) {
            process(SubjectBatch.of(item));
        }
        forwarded = joined.size();
    }

    /** A new catalog version, as the control topic brings it to both operators. */
    void publish(CatalogUpdate update) throws Exception {
        joiner.processBroadcastElement(ControlUpdate.of(update), 0);
        aggregator.processBroadcastElement(update, 0);
    }

    /** The employee belongs to {@code department} from {@code localDateTime} on. */
    void move(String employee, String department, String localDateTime) {
        org(new OrgChange(TENANT, OrgChange.Kind.EMPLOYEE_DEPARTMENT, employee, millis(localDateTime), department));
    }

    private void org(OrgChange change) {
        try {
            joiner.processBroadcastElement(ControlUpdate.of(change), 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ items and sides

    /** An item as admission derives it (durations come from the joiner). */
    private Item item(
            String indicator, Who who, long time, ItemPart part, BigDecimal amount, boolean flag, String text) {
        return new Item(
                TENANT,
                indicator,
                time,
                calendar.dayOf(time).toEpochDay(),
                who.attribution(),
                part,
                amount,
                0,
                flag,
                text,
                nextEventId());
    }

    Item value(String indicator, Who who, String when, String amount) {
        return item(indicator, who, millis(when), ItemPart.VALUE, new BigDecimal(amount), false, null);
    }

    /** A counted item (count measures read only that it exists). */
    Item one(String indicator, Who who, String when) {
        return value(indicator, who, when, "1");
    }

    Item distinct(String indicator, Who who, String when, String text) {
        return item(indicator, who, millis(when), ItemPart.VALUE, BigDecimal.ONE, false, text);
    }

    Item numerator(String indicator, Who who, String when, String amount) {
        return item(indicator, who, millis(when), ItemPart.NUMERATOR, new BigDecimal(amount), false, null);
    }

    Item denominator(String indicator, Who who, String when, String amount) {
        return item(indicator, who, millis(when), ItemPart.DENOMINATOR, new BigDecimal(amount), false, null);
    }

    Item outcome(String indicator, Who who, String when, boolean met) {
        return item(indicator, who, millis(when), ItemPart.OUTCOME, BigDecimal.ONE, met, null);
    }

    /** A self-reported claim: placed at the start of the month it reports on. */
    Item claim(String indicator, Who who, String month, String claimed) {
        long start = YearMonth.parse(month)
                .atDay(1)
                .atStartOfDay(calendar.zone())
                .toInstant()
                .toEpochMilli();
        return item(indicator, who, start, ItemPart.CLAIM, new BigDecimal(claimed), false, null);
    }

    /** A side naming its employee and department (null: the employee's department then). */
    Partial side(String indicator, Role role, String key, String when, String employee, String department) {
        return side(indicator, role, key, when, employee, department, "1");
    }

    Partial side(
            String indicator, Role role, String key, String when, String employee, String department, String amount) {
        long time = millis(when);
        return new Partial(
                TENANT,
                indicator,
                key,
                role,
                time,
                time,
                nextEventId(),
                employee,
                department,
                null,
                new BigDecimal(amount));
    }

    private String nextEventId() {
        return String.format("ev-%05d", ++sequence);
    }

    // ------------------------------------------------------------------ outputs and state

    /** Everything the joiner has emitted so far, one entry per subject. */
    List<SubjectItem> joined() {
        return joiner.extractOutputValues();
    }

    List<IndicatorRow> rows() {
        return aggregator.extractOutputValues();
    }

    /** Every row written for one window type of one subject, oldest first. */
    List<IndicatorRow> rows(String indicator, WindowType type, SubjectType subjectType, String subject) {
        return rows().stream()
                .filter(r -> r.indicatorId().equals(indicator)
                        && r.windowType() == type
                        && r.subjectType() == subjectType
                        && r.subjectId().equals(subject))
                .toList();
    }

    /** The newest row of one window instance of one subject. */
    IndicatorRow row(String indicator, WindowType type, String start, SubjectType subjectType, String subject) {
        List<IndicatorRow> all = rows(indicator, type, subjectType, subject).stream()
                .filter(r -> r.windowStart().equals(LocalDate.parse(start)))
                .toList();
        if (all.isEmpty()) {
            throw new AssertionError("no row for " + indicator + " " + type + " " + start + " " + subjectType + " "
                    + subject + "; rows: "
                    + rows().stream().map(IndicatorHarness::describe).toList());
        }
        return all.get(all.size() - 1);
    }

    IndicatorRow employeeRow(String indicator, WindowType type, String start) {
        return row(indicator, type, start, SubjectType.EMPLOYEE, E1.employee());
    }

    private static String describe(IndicatorRow r) {
        return r.indicatorId() + "/" + r.windowType() + "/" + r.windowStart() + "/" + r.subjectType() + "/"
                + r.subjectId() + "=" + r.value();
    }

    int aggregatorStateEntries() {
        return HarnessState.keyedEntries(aggregator);
    }

    int aggregatorTimers() {
        return aggregator.numEventTimeTimers() + aggregator.numProcessingTimeTimers();
    }

    int joinerStateEntries() {
        return HarnessState.keyedEntries(joiner);
    }

    int joinerTimers() {
        return joiner.numEventTimeTimers() + joiner.numProcessingTimeTimers();
    }

    /** Pending writes flushed and the watermark at {@code localDateTime}: neither operator keeps anything. */
    void assertNothingLeftAt(String localDateTime) throws Exception {
        flush();
        advanceTo(localDateTime);
        assertEquals(
                List.of(0, 0, 0, 0),
                List.of(joinerStateEntries(), joinerTimers(), aggregatorStateEntries(), aggregatorTimers()),
                "joiner state entries, joiner timers, aggregator state entries, aggregator timers");
    }

    @Override
    public void close() throws Exception {
        joiner.close();
        aggregator.close();
    }

    // ------------------------------------------------------------------ assertions

    static RowAssert assertThat(IndicatorRow row) {
        return new RowAssert(row);
    }

    /**
     * Checks a row's numbers. The value is compared with its scale (it is stored rounded to the
     * indicator's scale); the unrounded parts and the target by numeric value. {@code null}: none.
     */
    static final class RowAssert {
        private final IndicatorRow row;

        private RowAssert(IndicatorRow row) {
            this.row = row;
        }

        RowAssert value(String expected) {
            assertEquals(expected == null ? null : new BigDecimal(expected), row.value(), "value");
            return this;
        }

        RowAssert numerator(String expected) {
            return same("numerator", expected, row.numerator());
        }

        RowAssert denominator(String expected) {
            return same("denominator", expected, row.denominator());
        }

        RowAssert target(String expected) {
            return same("target", expected, row.target());
        }

        RowAssert attainment(String expected) {
            assertEquals(expected == null ? null : new BigDecimal(expected), row.attainment(), "attainment");
            return this;
        }

        RowAssert events(long expected) {
            assertEquals(expected, row.eventCount(), "event_count");
            return this;
        }

        RowAssert window(String start, String end) {
            assertEquals(
                    Arrays.asList(LocalDate.parse(start), LocalDate.parse(end)),
                    Arrays.asList(row.windowStart(), row.windowEnd()),
                    row.windowType() + " bounds");
            return this;
        }

        private RowAssert same(String what, String expected, BigDecimal actual) {
            if (expected == null) {
                assertNull(actual, what);
            } else if (actual == null || new BigDecimal(expected).compareTo(actual) != 0) {
                assertEquals(expected, Objects.toString(actual), what);
            }
            return this;
        }
    }
}
