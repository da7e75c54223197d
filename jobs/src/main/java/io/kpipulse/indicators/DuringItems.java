package io.kpipulse.indicators;

import io.kpipulse.tenants.TenantCalendar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The second step of an interval join (catalog README: During), for one affected department: the
 * department's interval bounds meet its measured events (sales), and each measured event inside an
 * interval becomes one item.
 *
 * <p>A measured event is decided once the watermark reaches its time: every bound before it has arrived
 * by then (bounds are announced before the watermark passes them), so whether a sale falls before the
 * opening, inside, or after the resolution does not depend on arrival order. Bounds are kept until
 * {@code retainMillis} after their interval ends, for events admitted behind the watermark.
 */
final class DuringItems {

    private static final Comparator<Partial> ORDER =
            Comparator.comparingLong(Partial::timeMillis).thenComparing(Partial::eventId);
    /** The interval that started first (ties: smaller key) takes a sale covered by several. */
    private static final Comparator<Partial> FIRST_STARTED =
            Comparator.comparingLong(Partial::timeMillis).thenComparing(Partial::intervalKey);

    private DuringItems() {}

    static void add(IntervalState s, Partial side) {
        if (side.role() == Role.INTERVAL_MEASURE) {
            s.pending.add(side);
        } else {
            s.bounds.add(side);
        }
    }

    /**
     * Emits an item for every measured event the watermark has reached that an interval covers, drops the
     * others, and forgets bounds past their end + {@code retainMillis}. Returns when the department must
     * be looked at again, or {@link IntervalState#NO_TIMER} when it holds nothing more.
     */
    static long onWatermark(
            IntervalState s,
            long watermark,
            String indicatorId,
            long maxOpenMillis,
            long retainMillis,
            TenantCalendar calendar,
            OrgView org,
            Consumer<Item> out) {
        for (Partial measured : DueSides.take(s.pending, watermark, ORDER)) {
            Partial start = covering(s, measured.timeMillis(), maxOpenMillis);
            if (start != null) {
                out.accept(item(indicatorId, start, measured, calendar, org));
            }
        }
        long next =
                s.pending.isEmpty() ? IntervalState.NO_TIMER : s.pending.get(0).timeMillis();
        List<Partial> kept = new ArrayList<>();
        for (Partial bound : s.bounds) {
            long forgetAt = end(s, bound, maxOpenMillis) + retainMillis;
            if (watermark < forgetAt) {
                kept.add(bound);
                next = Math.min(next, forgetAt);
            }
        }
        s.bounds = kept;
        return next;
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

    /** Placed at the measured event, credited to the interval's opener, serving the affected department. */
    private static Item item(
            String indicatorId, Partial start, Partial measured, TenantCalendar calendar, OrgView org) {
        long time = measured.timeMillis();
        Attribution who = ItemDeriver.resolve(
                org, start.tenantId(), time, start.employeeId(), start.departmentId(), measured.correlationKey(), true);
        return new Item(
                measured.tenantId(),
                indicatorId,
                time,
                calendar.dayOf(time).toEpochDay(),
                who,
                ItemPart.VALUE,
                measured.amount(),
                0,
                false,
                null,
                measured.eventId());
    }
}
