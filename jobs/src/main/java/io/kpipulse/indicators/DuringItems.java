package io.kpipulse.indicators;

import io.kpipulse.tenants.TenantCalendar;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The second step of an interval join (catalog README: During), for one affected department: the
 * department's interval bounds meet its measured events (sales), and each measured event inside an
 * interval becomes one item.
 *
 * <p>A measured event is decided once the watermark reaches its time: normally every bound before it has
 * arrived by then (bounds are announced before the watermark passes them). A bound can still come later —
 * its event was admitted behind the watermark (a delayed producer, a partition read late, a replay) — so
 * every decided event is kept, with the item it was counted as, for {@code retainMillis} (at least the
 * horizon: no event older than that is admitted); whenever the bounds change, each kept event is decided
 * again and a change is sent as a withdrawal of the old item and the new item. So whether a sale falls
 * before the opening, inside, or after the resolution depends only on the events, not on their arrival
 * order or on when the watermark came. Bounds are kept until {@code retainMillis} after their interval ends.
 */
final class DuringItems {

    private static final Comparator<Partial> ORDER =
            Comparator.comparingLong(Partial::timeMillis).thenComparing(Partial::eventId);
    /** The interval that started first (ties: smaller key) takes a sale covered by several. */
    private static final Comparator<Partial> FIRST_STARTED =
            Comparator.comparingLong(Partial::timeMillis).thenComparing(Partial::intervalKey);

    /** Decided events are forgotten in steps of this much event time (kept up to this much longer). */
    private static final long FORGET_STEP_MILLIS = 60_000;

    private DuringItems() {}

    /** Usually appended (events are decided in time order); an event admitted behind the watermark goes in place. */
    private static void insertInTimeOrder(IntervalState s, CountedSide counted) {
        int i = s.counted.size();
        while (i > 0 && ORDER.compare(s.counted.get(i - 1).side, counted.side) > 0) {
            i--;
        }
        s.counted.add(i, counted);
    }

    /** Records a side; returns whether the department's bounds changed (then decided events are re-decided). */
    static boolean add(IntervalState s, Partial side) {
        switch (side.role()) {
            case INTERVAL_MEASURE -> {
                s.pending.add(side);
                return false;
            }
            case INTERVAL_WITHDRAWN -> {
                return s.bounds.removeIf(b -> b.intervalKey().equals(side.intervalKey())
                        && b.eventId().equals(side.eventId())
                        && b.timeMillis() == side.timeMillis());
            }
            default -> {
                if (s.bounds.contains(side)) {
                    return false; // announced again (the router's state is older than ours after a restore)
                }
                s.bounds.add(side);
                return true;
            }
        }
    }

    /**
     * Re-decides the kept events if {@code boundsChanged}, then decides every measured event the watermark
     * has reached, sending items and withdrawals to {@code out}; forgets events and bounds past
     * {@code retainMillis}. Returns when the department must be looked at again, or
     * {@link IntervalState#NO_TIMER} when it holds nothing more.
     */
    static long onWatermark(
            IntervalState s,
            boolean boundsChanged,
            long watermark,
            String indicatorId,
            long maxOpenMillis,
            long retainMillis,
            TenantCalendar calendar,
            OrgView org,
            Consumer<Item> out) {
        if (boundsChanged) {
            for (CountedSide counted : s.counted) {
                decide(s, counted, indicatorId, maxOpenMillis, calendar, org, out);
            }
        }
        for (Partial measured : DueSides.take(s.pending, watermark, ORDER)) {
            CountedSide counted = new CountedSide(measured);
            decide(s, counted, indicatorId, maxOpenMillis, calendar, org, out);
            insertInTimeOrder(s, counted);
        }
        long next =
                s.pending.isEmpty() ? IntervalState.NO_TIMER : s.pending.get(0).timeMillis();
        // Decided events are in time order: forget the oldest ones, and look again when the oldest left is
        // due, rounded up to a whole minute so that a busy department's timer fires once a minute, not per sale.
        int forgotten = 0;
        while (forgotten < s.counted.size() && s.counted.get(forgotten).side.timeMillis() + retainMillis <= watermark) {
            forgotten++;
        }
        s.counted.subList(0, forgotten).clear();
        if (!s.counted.isEmpty()) {
            long due = s.counted.get(0).side.timeMillis() + retainMillis;
            next = Math.min(next, Math.floorDiv(due, FORGET_STEP_MILLIS) * FORGET_STEP_MILLIS + FORGET_STEP_MILLIS);
        }
        IntervalState current = s;
        s.bounds.removeIf(b -> end(current, b, maxOpenMillis) + retainMillis <= watermark);
        for (Partial bound : s.bounds) {
            next = Math.min(next, end(s, bound, maxOpenMillis) + retainMillis);
        }
        return next;
    }

    /** Counts {@code counted} for the interval covering it now, withdrawing what it was counted as before. */
    private static void decide(
            IntervalState s,
            CountedSide counted,
            String indicatorId,
            long maxOpenMillis,
            TenantCalendar calendar,
            OrgView org,
            Consumer<Item> out) {
        Partial start = covering(s, counted.side.timeMillis(), maxOpenMillis);
        if (Objects.equals(start, counted.start)) {
            return;
        }
        if (counted.start != null) {
            out.accept(item(indicatorId, counted.side, counted.attribution(), ItemPart.WITHDRAWN, calendar));
        }
        Item item = null;
        if (start != null) {
            item = item(indicatorId, counted.side, attribution(start, counted.side, org), ItemPart.VALUE, calendar);
            out.accept(item);
        }
        counted.countedAs(start, item);
    }

    /** The interval start covering {@code time} (start ≤ time < end), the first started among several. */
    private static Partial covering(IntervalState s, long time, long maxOpenMillis) {
        Partial first = null;
        for (Partial b : s.bounds) {
            if (b.role() == Role.INTERVAL_START
                    && b.timeMillis() <= time
                    && time < end(s, b, maxOpenMillis)
                    && (first == null || FIRST_STARTED.compare(b, first) < 0)) {
                first = b;
            }
        }
        return first;
    }

    /** Where a bound's interval ends: its closing, but no later than start + maxOpen; an end bound ends itself. */
    private static long end(IntervalState s, Partial bound, long maxOpenMillis) {
        if (bound.role() == Role.INTERVAL_END) {
            return bound.timeMillis();
        }
        long end = bound.timeMillis() + maxOpenMillis;
        for (Partial b : s.bounds) {
            // A key reopened after maxOpen has several intervals; each end belongs to the one it follows.
            if (b.role() == Role.INTERVAL_END
                    && b.intervalKey().equals(bound.intervalKey())
                    && b.timeMillis() >= bound.timeMillis()) {
                end = Math.min(end, b.timeMillis());
            }
        }
        return end;
    }

    /** Credited to the interval's opener, serving the affected department, with the org at the event's time. */
    private static Attribution attribution(Partial start, Partial measured, OrgView org) {
        return ItemDeriver.resolve(
                org,
                start.tenantId(),
                measured.timeMillis(),
                start.employeeId(),
                start.departmentId(),
                measured.correlationKey(),
                true);
    }

    /** Placed at the measured event, with its value (subtracted for a withdrawal). */
    private static Item item(
            String indicatorId, Partial measured, Attribution who, ItemPart part, TenantCalendar calendar) {
        long time = measured.timeMillis();
        return new Item(
                measured.tenantId(),
                indicatorId,
                time,
                calendar.dayOf(time).toEpochDay(),
                who,
                part,
                measured.amount(),
                0,
                false,
                null,
                measured.eventId());
    }
}
