package io.kpipulse.indicators;

import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.tenants.TenantCalendar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.function.Consumer;

/**
 * Joins the sides of correlated items in event time (catalog README: Duration, Follow-up, Retention).
 *
 * <p>Sides are only recorded on arrival; decisions are taken in {@link #onWatermark} once the
 * watermark has passed the relevant times, because only then have all earlier sides arrived — so the
 * "first start, first end" rule holds whatever order the sides came in. The caller registers an
 * event-time timer at each time returned by {@link #add} and calls {@link #onWatermark} when it fires.
 * A side arriving after its key was decided is ignored (allowed lateness is for windows, not for
 * re-deciding a pairing).
 */
public final class CorrelatedItems {

    private CorrelatedItems() {}

    /** Records a side; returns the event time at which the state must be looked at again. */
    public static long add(JoinState state, Partial side, IndicatorDefinition definition) {
        if (state.done) {
            return Long.MIN_VALUE;
        }
        switch (side.role()) {
            case DURATION_START, FOLLOW_ANCHOR, RETENTION_ANCHOR -> state.first = earliest(state.first, side);
            case DURATION_END -> state.second = earliest(state.second, side);
            case FOLLOW_EVENT, RETENTION_EXIT -> state.pending.add(side);
        }
        if (side.role() == Role.RETENTION_ANCHOR) {
            return side.timeMillis()
                    + ((Aggregation.Retention) definition.aggregation())
                            .horizon()
                            .toMillis();
        }
        // Decided once the watermark passes the event itself (a task's due time may lie far ahead of it).
        return side.role() == Role.FOLLOW_EVENT ? side.timeMillis() : side.eventTime();
    }

    /**
     * Emits every item decided by {@code watermark}; returns true when the state holds nothing more
     * worth keeping (the caller clears it).
     */
    public static boolean onWatermark(
            JoinState state,
            long watermark,
            IndicatorDefinition definition,
            TenantCalendar calendar,
            OrgView org,
            Consumer<Item> out) {
        Aggregation a = definition.aggregation();
        if (a instanceof Aggregation.PairedDuration d) {
            return duration(state, watermark, d, definition.id(), calendar, org, out);
        }
        if (a instanceof Aggregation.FollowUp f) {
            return followUp(state, watermark, f, definition.id(), calendar, org, out);
        }
        if (a instanceof Aggregation.Retention r) {
            return retention(state, watermark, r, definition.id(), calendar, org, out);
        }
        throw new IllegalArgumentException(definition.id() + " is not a correlated indicator");
    }

    private static boolean duration(
            JoinState s,
            long watermark,
            Aggregation.PairedDuration d,
            String id,
            TenantCalendar calendar,
            OrgView org,
            Consumer<Item> out) {
        if (s.done
                || s.first == null
                || s.second == null
                || watermark < Math.max(s.first.eventTime(), s.second.eventTime())) {
            return false;
        }
        long millis = Durations.measure(d, s.first.timeMillis(), s.second.timeMillis(), calendar);
        long time = s.second.timeMillis();
        Partial credited = d.attributeTo() == Aggregation.Side.START ? s.first : s.second;
        String servedDepartment = null;
        if (d.servedBy() != null) {
            Partial served = d.servedBy() == Aggregation.Side.START ? s.first : s.second;
            servedDepartment = departmentNamedBy(served, time, org);
        }
        Attribution who = ItemDeriver.resolve(
                org,
                credited.tenantId(),
                time,
                credited.employeeId(),
                credited.departmentId(),
                servedDepartment,
                d.servedBy() != null);
        out.accept(new Item(
                s.first.tenantId(),
                id,
                time,
                calendar.dayOf(time).toEpochDay(),
                who,
                ItemPart.DURATION,
                null,
                millis,
                Durations.within(d, millis),
                null,
                s.second.eventId()));
        // Not finished: the key stays decided, so a later start or end of it is ignored instead of
        // pairing again; the caller drops it with everything else after the max pairing.
        s.keepOnlyDecided();
        return false;
    }

    private static boolean followUp(
            JoinState s,
            long watermark,
            Aggregation.FollowUp f,
            String id,
            TenantCalendar calendar,
            OrgView org,
            Consumer<Item> out) {
        long within = f.within().toMillis();
        for (Partial follow : DueSides.take(
                s.pending,
                watermark,
                Comparator.comparingLong(Partial::timeMillis).thenComparing(Partial::eventId))) {
            Partial anchor = s.first;
            if (anchor != null
                    && anchor.timeMillis() <= follow.timeMillis()
                    && follow.timeMillis() < anchor.timeMillis() + within) {
                Attribution who = ItemDeriver.resolve(
                        org,
                        anchor.tenantId(),
                        follow.timeMillis(),
                        anchor.employeeId(),
                        anchor.departmentId(),
                        departmentNamedBy(follow, follow.timeMillis(), org),
                        true);
                out.accept(new Item(
                        anchor.tenantId(),
                        id,
                        follow.timeMillis(),
                        calendar.dayOf(follow.timeMillis()).toEpochDay(),
                        who,
                        ItemPart.VALUE,
                        follow.amount(),
                        0,
                        false,
                        null,
                        follow.eventId()));
            }
        }
        // An anchor stops mattering once its period is over; follow events with no anchor by the
        // watermark never get one (the anchor must come first).
        boolean anchorOver = s.first == null || watermark >= s.first.timeMillis() + within;
        return anchorOver && s.pending.isEmpty();
    }

    private static boolean retention(
            JoinState s,
            long watermark,
            Aggregation.Retention r,
            String id,
            TenantCalendar calendar,
            OrgView org,
            Consumer<Item> out) {
        if (s.done || s.first == null) {
            // Exits without an anchor are kept: the anchor may be on its way (it can only be earlier).
            s.pending.removeIf(
                    exit -> exit.timeMillis() < watermark - r.horizon().toMillis());
            return s.first == null && s.pending.isEmpty();
        }
        long anchorTime = s.first.timeMillis();
        long horizonEnd = anchorTime + r.horizon().toMillis();
        Long exitTime = null;
        for (Partial exit : s.pending) {
            if (exit.timeMillis() > anchorTime
                    && exit.timeMillis() <= horizonEnd
                    && (exitTime == null || exit.timeMillis() < exitTime)) {
                exitTime = exit.timeMillis();
            }
        }
        long decision = exitTime != null ? exitTime : horizonEnd;
        if (watermark < decision) {
            return false;
        }
        Attribution who = ItemDeriver.resolve(
                org, s.first.tenantId(), decision, s.first.employeeId(), s.first.departmentId(), null, false);
        out.accept(new Item(
                s.first.tenantId(),
                id,
                decision,
                calendar.dayOf(decision).toEpochDay(),
                who,
                ItemPart.OUTCOME,
                BigDecimal.ONE,
                0,
                exitTime == null,
                null,
                s.first.eventId()));
        s.done = true;
        s.pending = new ArrayList<>();
        return true;
    }

    /** The business department a side serves: its served-department field, else its department, else its employee's. */
    private static String departmentNamedBy(Partial side, long time, OrgView org) {
        if (side.servedDepartmentId() != null) {
            return side.servedDepartmentId();
        }
        if (side.departmentId() != null) {
            return side.departmentId();
        }
        return side.employeeId() == null ? null : org.departmentOf(side.tenantId(), side.employeeId(), time);
    }

    private static Partial earliest(Partial current, Partial candidate) {
        if (current == null
                || candidate.timeMillis() < current.timeMillis()
                || candidate.timeMillis() == current.timeMillis()
                        && candidate.eventId().compareTo(current.eventId()) < 0) {
            return candidate;
        }
        return current;
    }
}
