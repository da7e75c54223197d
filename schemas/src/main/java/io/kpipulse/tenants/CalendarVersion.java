package io.kpipulse.tenants;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * One published version of a tenant's calendar for one year: the year's holidays and make-up working days
 * (调休), as the State Council announces them each November plus the company's own days off. It replaces,
 * for that year only, whatever the tenants file or an earlier version said, for every working-day duration
 * completed at or after {@link #effectiveFrom()} (event time). Validated on construction:
 *
 * <ul>
 *   <li>every day lies in {@link #year()};
 *   <li>a make-up working day is a Saturday or Sunday (a weekday is a working day already: listing one hides
 *       a typo);
 *   <li>no day is both a holiday and a make-up working day.
 * </ul>
 *
 * A holiday on a weekend is accepted: the notices list whole holiday periods ("10月1日至7日放假") and such a day
 * is off either way, so refusing it would only make HR strip the weekends by hand.
 */
public record CalendarVersion(
        String tenantId,
        int year,
        long version,
        NavigableSet<LocalDate> holidays,
        NavigableSet<LocalDate> makeUpWorkdays,
        String publishedBy,
        Instant publishedAt,
        Instant effectiveFrom) {

    /** Years a calendar can be published for: wide enough for any business, narrow enough to catch a typo. */
    public static final int FIRST_YEAR = 2000;

    public static final int LAST_YEAR = 2100;

    /** The control topic's key prefix; each version has a key of its own, so compaction keeps every version. */
    public static final String CONTROL_KEY_PREFIX = "calendar/";

    /** @throws CalendarVersionException naming the field, when the version breaks a rule above */
    public CalendarVersion {
        require(
                tenantId != null && !tenantId.isBlank() && !tenantId.contains("/") && !tenantId.contains("|"),
                "tenantId",
                "a tenant id without '/' or '|' is required");
        require(
                year >= FIRST_YEAR && year <= LAST_YEAR,
                "year",
                "year " + year + " is outside " + FIRST_YEAR + ".." + LAST_YEAR);
        require(version >= 1, "version", "versions count from 1, not " + version);
        require(publishedBy != null && !publishedBy.isBlank(), "publishedBy", "who published it is required");
        require(publishedAt != null, "publishedAt", "when it was published is required");
        require(
                effectiveFrom != null && !effectiveFrom.isBefore(publishedAt),
                "effectiveFrom",
                "a version takes effect at or after its publication, never before it");
        holidays = sorted(holidays, "holidays");
        makeUpWorkdays = sorted(makeUpWorkdays, "makeUpWorkdays");
        for (LocalDate day : holidays) {
            require(day.getYear() == year, "holidays", "holiday " + day + " is not in " + year);
        }
        for (LocalDate day : makeUpWorkdays) {
            require(day.getYear() == year, "makeUpWorkdays", "make-up working day " + day + " is not in " + year);
            require(
                    isWeekend(day),
                    "makeUpWorkdays",
                    "make-up working day " + day + " is a " + day.getDayOfWeek()
                            + ": only a Saturday or Sunday can be made a working day");
            require(
                    !holidays.contains(day),
                    "makeUpWorkdays",
                    day + " is listed both as a holiday and as a make-up working day");
        }
    }

    /** {@code calendar/<tenant>/<year>/<version>}. */
    public String controlKey() {
        return CONTROL_KEY_PREFIX + tenantId + "/" + year + "/" + version;
    }

    private static NavigableSet<LocalDate> sorted(Collection<LocalDate> days, String field) {
        require(days != null, field, field + " is required (an empty list for none)");
        TreeSet<LocalDate> copy = new TreeSet<>();
        for (LocalDate day : days) {
            require(day != null, field, field + " holds an empty day");
            copy.add(day);
        }
        return Collections.unmodifiableNavigableSet(copy);
    }

    private static boolean isWeekend(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new CalendarVersionException(field, message);
        }
    }

    @Override
    public String toString() {
        return controlKey() + " (" + holidays.size() + " holidays, " + makeUpWorkdays.size()
                + " make-up working days, effective from " + effectiveFrom + ")";
    }
}
