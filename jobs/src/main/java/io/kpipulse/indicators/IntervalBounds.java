package io.kpipulse.indicators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The first step of an interval join (catalog README: During), for one interval key (an incident):
 * decides, in event time, when the key's intervals start and end, and announces each bound to every
 * department the interval affects — the closing event does not name them, only the opening does.
 *
 * <p>A side is decided once the watermark reaches its time; the key's intervals are then computed from
 * every decided side, so "first opening, first closing after it" holds whatever order the sides came in.
 * Bounds are announced while the watermark is still before them, so the department's join sees them in
 * time. A side that arrives behind the watermark (admitted within the horizon) may change intervals
 * already announced: what changed is sent as a difference — new bounds, and withdrawals of bounds no longer
 * true — so the join ends as if every side had come in time.
 */
final class IntervalBounds {

    /** Time order; at one instant openings before closings (an interval closed as it opens is empty). */
    private static final Comparator<Partial> ORDER = Comparator.comparingLong(Partial::timeMillis)
            .thenComparing(Partial::role)
            .thenComparing(Partial::eventId)
            .thenComparing(Partial::servedDepartmentId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private IntervalBounds() {}

    static void add(IntervalState s, Partial side) {
        s.pending.add(side);
    }

    /**
     * Decides every side the watermark has reached and sends what that changes in the announced bounds to
     * {@code out}; forgets an interval once {@code retainMillis} have passed since it could last no longer
     * ({@code retainMillis} is at least the horizon: no side that could change it is admitted any more).
     * Returns when the key must be looked at again, or {@link IntervalState#NO_TIMER} when it holds nothing.
     */
    static long onWatermark(
            IntervalState s, long watermark, long maxOpenMillis, long retainMillis, Consumer<Partial> out) {
        List<Partial> due = DueSides.take(s.pending, watermark, ORDER);
        if (!due.isEmpty()) {
            s.bounds.addAll(due);
            s.bounds.sort(ORDER);
            announce(s, wanted(intervals(s, maxOpenMillis)), out);
        }
        long next = forget(s, watermark, maxOpenMillis, retainMillis);
        return s.pending.isEmpty() ? next : Math.min(next, s.pending.get(0).timeMillis());
    }

    /** One interval of the key: its opening sides (one per affected department) and its closing, if any. */
    private record Interval(List<Partial> openings, Partial closing) {
        long start() {
            return openings.get(0).timeMillis();
        }
    }

    /** The key's intervals from its decided sides (sorted), by the catalog's rule. */
    private static List<Interval> intervals(IntervalState s, long maxOpenMillis) {
        List<Interval> intervals = new ArrayList<>();
        List<Partial> openings = null;
        Partial closing = null;
        for (Partial side : s.bounds) {
            if (side.role() == Role.INTERVAL_OPEN) {
                if (side.timeMillis() < s.floor) {
                    continue; // a repeated opening of an interval already forgotten
                }
                if (openings != null && side.eventId().equals(openings.get(0).eventId())) {
                    openings.add(side); // the same opening, for another affected department
                    continue;
                }
                if (openings != null && side.timeMillis() < openings.get(0).timeMillis() + maxOpenMillis) {
                    continue; // the key's interval is still running: a repeated opening changes nothing
                }
                if (openings != null) {
                    intervals.add(new Interval(openings, closing));
                }
                openings = new ArrayList<>(List.of(side));
                closing = null;
            } else if (openings != null
                    && closing == null
                    && side.timeMillis() < openings.get(0).timeMillis() + maxOpenMillis) {
                closing = side; // sides are in time order: the first closing at or after the start
            }
        }
        if (openings != null) {
            intervals.add(new Interval(openings, closing));
        }
        return intervals;
    }

    /** The bounds the departments must hold: a start per affected department, and an end where closed. */
    private static List<Partial> wanted(List<Interval> intervals) {
        List<Partial> bounds = new ArrayList<>();
        for (Interval interval : intervals) {
            for (Partial opening : interval.openings()) {
                String department = opening.servedDepartmentId();
                if (department != null) {
                    bounds.add(opening.asBound(Role.INTERVAL_START, department));
                    if (interval.closing() != null) {
                        bounds.add(interval.closing().asBound(Role.INTERVAL_END, department));
                    }
                }
            }
        }
        return bounds;
    }

    /** Sends the withdrawals of announced bounds no longer wanted, then the wanted ones not yet announced. */
    private static void announce(IntervalState s, List<Partial> wanted, Consumer<Partial> out) {
        for (Partial was : s.announced) {
            if (!wanted.contains(was)) {
                out.accept(new Partial(
                        was.tenantId(),
                        was.indicatorId(),
                        was.correlationKey(),
                        Role.INTERVAL_WITHDRAWN,
                        was.timeMillis(),
                        was.eventTime(),
                        was.eventId(),
                        was.employeeId(),
                        was.departmentId(),
                        was.servedDepartmentId(),
                        was.amount(),
                        was.intervalKey()));
            }
        }
        for (Partial bound : wanted) {
            if (!s.announced.contains(bound)) {
                out.accept(bound);
            }
        }
        s.announced = wanted;
    }

    /**
     * Forgets every interval that ended {@code retainMillis} ago (with the sides before it and what was
     * announced for it: the join forgets those bounds on its own), and closings that bound nothing that
     * long ago. Returns when something is next to be forgotten.
     */
    private static long forget(IntervalState s, long watermark, long maxOpenMillis, long retainMillis) {
        List<Interval> intervals = intervals(s, maxOpenMillis);
        for (Interval interval : intervals) {
            if (interval.start() + maxOpenMillis + retainMillis <= watermark) {
                // Later intervals start at or after this one's start + maxOpen: none of their sides is before it.
                s.floor = Math.max(s.floor, interval.start() + maxOpenMillis);
            }
        }
        List<Partial> closings = new ArrayList<>();
        for (Interval interval : intervals) {
            if (interval.closing() != null) {
                closings.add(interval.closing());
            }
        }
        // A closing that bounds no interval can only matter to an opening before it, which is no longer
        // admitted once the horizon (≤ retainMillis) has passed it.
        s.bounds.removeIf(side -> side.timeMillis() < s.floor
                || side.role() == Role.INTERVAL_CLOSE
                        && !closings.contains(side)
                        && side.timeMillis() + retainMillis < watermark);
        s.announced.removeIf(bound -> bound.timeMillis() < s.floor);
        long next = IntervalState.NO_TIMER;
        for (Interval interval : intervals) {
            if (interval.start() >= s.floor) {
                next = Math.min(next, interval.start() + maxOpenMillis + retainMillis);
            }
        }
        for (Partial side : s.bounds) {
            if (side.role() == Role.INTERVAL_CLOSE && !closings.contains(side)) {
                next = Math.min(next, side.timeMillis() + retainMillis + 1);
            }
        }
        return next;
    }
}
