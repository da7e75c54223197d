package io.kpipulse.indicators;

import java.util.Comparator;
import java.util.function.Consumer;

/**
 * The first step of an interval join (catalog README: During), for one interval key (an incident):
 * decides, in event time, when the key's interval starts and ends, and announces each bound to every
 * department the interval affects — the closing event does not name them, only the opening does.
 *
 * <p>A side is decided once the watermark reaches its time, when every earlier side of the key has
 * arrived; so "first opening, first closing after it" holds whatever order the sides came in. A bound
 * is announced while the watermark is still before it, so the department's join sees it in time.
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
     * Decides every side the watermark has reached, sending the bounds they fix to {@code out}; forgets
     * the interval {@code retainMillis} after it can last no longer. Returns when the key must be looked
     * at again, or {@link IntervalState#NO_TIMER} when it holds nothing more.
     */
    static long onWatermark(
            IntervalState s, long watermark, long maxOpenMillis, long retainMillis, Consumer<Partial> out) {
        for (Partial side : DueSides.take(s.pending, watermark, ORDER)) {
            if (side.role() == Role.INTERVAL_OPEN) {
                open(s, side, maxOpenMillis, out);
            } else {
                close(s, side, maxOpenMillis, out);
            }
        }
        long forgetAt = s.bounds.isEmpty()
                ? IntervalState.NO_TIMER
                : s.bounds.get(0).timeMillis() + maxOpenMillis + retainMillis;
        if (watermark >= forgetAt) {
            s.bounds.clear();
            forgetAt = IntervalState.NO_TIMER;
        }
        return s.pending.isEmpty()
                ? forgetAt
                : Math.min(forgetAt, s.pending.get(0).timeMillis());
    }

    private static void open(IntervalState s, Partial side, long maxOpenMillis, Consumer<Partial> out) {
        if (!s.bounds.isEmpty()) {
            Partial current = s.bounds.get(0);
            if (!side.eventId().equals(current.eventId())) {
                if (side.timeMillis() < current.timeMillis() + maxOpenMillis) {
                    return; // The key's interval is still running: a repeated opening changes nothing.
                }
                s.bounds.clear(); // The previous interval is over: this opening starts a new one.
            }
        }
        Partial closing = closing(s);
        s.bounds.add(side);
        if (side.servedDepartmentId() != null) {
            out.accept(side.asBound(Role.INTERVAL_START, side.servedDepartmentId()));
            if (closing != null) {
                out.accept(closing.asBound(Role.INTERVAL_END, side.servedDepartmentId()));
            }
        }
    }

    private static void close(IntervalState s, Partial side, long maxOpenMillis, Consumer<Partial> out) {
        if (s.bounds.isEmpty() || closing(s) != null) {
            return; // Nothing open to close, or closed already: only the first closing counts.
        }
        long start = s.bounds.get(0).timeMillis();
        if (side.timeMillis() < start || side.timeMillis() >= start + maxOpenMillis) {
            return;
        }
        for (Partial opening : s.bounds) {
            if (opening.servedDepartmentId() != null) {
                out.accept(side.asBound(Role.INTERVAL_END, opening.servedDepartmentId()));
            }
        }
        s.bounds.add(side);
    }

    private static Partial closing(IntervalState s) {
        for (Partial b : s.bounds) {
            if (b.role() == Role.INTERVAL_CLOSE) {
                return b;
            }
        }
        return null;
    }
}
