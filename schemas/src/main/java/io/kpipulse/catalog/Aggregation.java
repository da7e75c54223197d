package io.kpipulse.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an indicator's value is computed from events. Every kind is defined so that a department's value
 * can be computed exactly from the same items as its employees' values (sums of parts, never averages
 * of averages).
 */
public sealed interface Aggregation {

    /** The event types this aggregation reads; the engine routes only these to it. */
    List<EventSelector> selectors();

    enum MeasureKind {
        COUNT,
        SUM,
        AVERAGE,
        MIN,
        MAX,
        DISTINCT_COUNT,
        LAST
    }

    /**
     * A single measure over one event type. {@code valueField} is the number to aggregate (not used by
     * {@code COUNT}); {@code valueMap} maps a categorical field's symbols to points (survey answers:
     * satisfied 10 / neutral 5 / unsatisfied 0). For {@code DISTINCT_COUNT} the field's values are counted.
     */
    record Measure(MeasureKind kind, EventSelector source, String valueField, Map<String, BigDecimal> valueMap)
            implements Aggregation {
        public Measure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(source, "source");
            valueMap = valueMap == null ? Map.of() : Map.copyOf(valueMap);
            if (kind != MeasureKind.COUNT && valueField == null) {
                throw new IllegalArgumentException(kind + " of " + source.eventType() + " needs a value field");
            }
        }

        @Override
        public List<EventSelector> selectors() {
            return List.of(source);
        }
    }

    /**
     * numerator / denominator × multiplier, both sides additive (counts or sums). With
     * {@code denominatorAddsNumerator} the denominator is denominator + numerator: an error rate is
     * returned / (paid + returned) when each item ends in exactly one of the two events.
     */
    record Ratio(Measure numerator, Measure denominator, BigDecimal multiplier, boolean denominatorAddsNumerator)
            implements Aggregation {
        public Ratio {
            requireAdditive(numerator, "numerator");
            requireAdditive(denominator, "denominator");
            multiplier = multiplier == null ? BigDecimal.ONE : multiplier;
        }

        @Override
        public List<EventSelector> selectors() {
            return List.of(numerator.source(), denominator.source());
        }
    }

    /** Share of the selected events that also meet {@code condition}, × multiplier. */
    record Share(EventSelector source, Filter condition, BigDecimal multiplier) implements Aggregation {
        public Share {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(condition, "condition");
            multiplier = multiplier == null ? BigDecimal.ONE : multiplier;
        }

        @Override
        public List<EventSelector> selectors() {
            return List.of(source);
        }
    }

    enum DurationStatistic {
        AVERAGE,
        MEDIAN,
        P90,
        SUM,
        SHARE_WITHIN
    }

    /** How elapsed time is measured: wall-clock, or only the tenant's working days (Mon–Fri, minus holidays). */
    enum DayCalendar {
        CALENDAR_DAYS,
        WORKING_DAYS
    }

    enum DurationUnit {
        MINUTES(60_000L),
        HOURS(3_600_000L),
        DAYS(86_400_000L);

        private final long millis;

        DurationUnit(long millis) {
            this.millis = millis;
        }

        public long millis() {
            return millis;
        }
    }

    enum Side {
        START,
        END
    }

    /**
     * Time between a start event and the end event with the same correlation key (claim reported → claim
     * paid). When start and end select the same event type, the two time fields of one event are used
     * (a workflow node's start and end). The item is placed at the end event's time and attributed to
     * the {@code attributeTo} side's employee and department; {@code servedBy}, when set, names the side
     * whose department is the business department served (linked indicators).
     */
    record PairedDuration(
            EventSelector start,
            EventSelector end,
            DurationStatistic statistic,
            Duration limit,
            DayCalendar calendar,
            DurationUnit unit,
            Side attributeTo,
            Side servedBy)
            implements Aggregation {
        public PairedDuration {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(statistic, "statistic");
            calendar = calendar == null ? DayCalendar.CALENDAR_DAYS : calendar;
            unit = unit == null ? DurationUnit.HOURS : unit;
            attributeTo = attributeTo == null ? Side.END : attributeTo;
            if (statistic == DurationStatistic.SHARE_WITHIN && limit == null) {
                throw new IllegalArgumentException("share_within needs a limit");
            }
            boolean sameEvent = start.eventType().equals(end.eventType());
            if (!sameEvent && (start.keyField() == null || end.keyField() == null)) {
                throw new IllegalArgumentException("a duration between " + start.eventType() + " and " + end.eventType()
                        + " needs a correlation key on both sides");
            }
        }

        public boolean withinOneEvent() {
            return start.eventType().equals(end.eventType());
        }

        @Override
        public List<EventSelector> selectors() {
            return withinOneEvent() ? List.of(start) : List.of(start, end);
        }
    }

    /**
     * Linked outcome after an anchor event: the sum of {@code follow} values whose correlation key equals
     * the anchor's key and that happen within {@code within} after the anchor (a new hire's premium in
     * the first three months, credited to the recruiter). Placed at the follow event's time; the follow
     * event's department is the served department.
     */
    record FollowUp(EventSelector anchor, Measure follow, Duration within) implements Aggregation {
        public FollowUp {
            Objects.requireNonNull(anchor.keyField(), "anchor key");
            Objects.requireNonNull(follow.source().keyField(), "follow key");
            requireAdditive(follow, "follow");
            Objects.requireNonNull(within, "within");
        }

        @Override
        public List<EventSelector> selectors() {
            return List.of(anchor, follow.source());
        }
    }

    /**
     * Share of anchors (hires) with no exit event of the same key within {@code horizon}; each anchor is
     * decided, and placed, when its horizon ends or when it exits, whichever comes first.
     */
    record Retention(EventSelector anchor, EventSelector exit, Duration horizon, BigDecimal multiplier)
            implements Aggregation {
        public Retention {
            Objects.requireNonNull(anchor.keyField(), "anchor key");
            Objects.requireNonNull(exit.keyField(), "exit key");
            Objects.requireNonNull(horizon, "horizon");
            multiplier = multiplier == null ? BigDecimal.ONE : multiplier;
        }

        @Override
        public List<EventSelector> selectors() {
            return List.of(anchor, exit);
        }
    }

    /**
     * Business measured while an interval is open in its department (sales during an IT incident): an
     * interval is opened by an {@code open} event and ended by the first {@code close} event of the same
     * key, after {@code maxOpen} at the latest; it covers the departments listed in the opening event's
     * {@code affectedField}. A {@code measure} event whose department is one of them and whose time lies in
     * the interval counts once, credited to the interval's opener (the incident's owner and IT department)
     * and serving the affected department.
     *
     * <p>Every event is placed at its event time: the join is exact only because the engine sees events
     * in event-time order, and a selector time field other than the header's would break that.
     */
    record During(EventSelector open, EventSelector close, String affectedField, Measure measure, Duration maxOpen)
            implements Aggregation {
        public During {
            if (open.keyField() == null || close.keyField() == null) {
                throw new IllegalArgumentException("open and close need a key: the interval they bound");
            }
            Objects.requireNonNull(affectedField, "affected");
            requireAdditive(measure, "measure");
            Objects.requireNonNull(maxOpen, "maxOpen");
            if (maxOpen.isNegative() || maxOpen.isZero()) {
                throw new IllegalArgumentException("maxOpen must be positive, got " + maxOpen);
            }
            if (measure.source().keyField() != null) {
                throw new IllegalArgumentException("the measured event is matched by its department; it takes no key");
            }
            for (EventSelector s : List.of(open, close, measure.source())) {
                if (!EventSelector.HEADER_TIME.equals(s.timeField())) {
                    throw new IllegalArgumentException("during places " + s.eventType() + " at its event time ("
                            + EventSelector.HEADER_TIME + "), not at " + s.timeField());
                }
            }
        }

        @Override
        public List<EventSelector> selectors() {
            return List.of(open, close, measure.source());
        }
    }

    /**
     * The system of record's count against what employees reported themselves for the same period
     * (self-report events with {@code metric}). The value is the system's number; the claimed number and
     * the discrepancy are kept beside it so the dashboard can show both.
     */
    record SelfReportComparison(Measure system, String metric) implements Aggregation {
        public SelfReportComparison {
            requireAdditive(system, "system");
            Objects.requireNonNull(metric, "metric");
        }

        @Override
        public List<EventSelector> selectors() {
            return List.of(system.source(), EventSelector.of(SELF_REPORT_EVENT));
        }
    }

    String SELF_REPORT_EVENT = "selfreport.SelfReportSubmitted";

    private static void requireAdditive(Measure m, String role) {
        Objects.requireNonNull(m, role);
        if (m.kind() != MeasureKind.COUNT && m.kind() != MeasureKind.SUM) {
            throw new IllegalArgumentException(role + " must be a count or a sum, got " + m.kind());
        }
    }
}
