package io.kpipulse.simulator.activity;

import io.kpipulse.simulator.SimRandom;
import io.kpipulse.simulator.company.Company;
import io.kpipulse.tenants.TenantCalendar;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Everything a behaviour generator needs about one tenant's simulated period. */
public final class TenantContext {

    private final Company company;
    private final Workforce workforce;
    private final Emitter emitter;
    private final LocalDate startDay;
    private final int days;
    private final java.util.Map<String, Integer> counters = new java.util.TreeMap<>();

    public TenantContext(Company company, Workforce workforce, Emitter emitter, LocalDate startDay, int days) {
        this.company = company;
        this.workforce = workforce;
        this.emitter = emitter;
        this.startDay = startDay;
        this.days = days;
    }

    public Company company() {
        return company;
    }

    public TenantCalendar calendar() {
        return company.calendar();
    }

    public Workforce workforce() {
        return workforce;
    }

    public Emitter out() {
        return emitter;
    }

    public List<LocalDate> days() {
        List<LocalDate> out = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            out.add(startDay.plusDays(i));
        }
        return out;
    }

    public LocalDate firstDay() {
        return startDay;
    }

    public LocalDate lastDay() {
        return startDay.plusDays(days - 1L);
    }

    /** Days of the period that are the last day of their month: month-end surveys, self-reports, ratings. */
    public List<LocalDate> monthEnds() {
        return days().stream().filter(d -> d.plusDays(1).getDayOfMonth() == 1).toList();
    }

    public boolean isWorkingDay(LocalDate day) {
        return calendar().isWorkingDay(day);
    }

    public long millis(LocalDate day, double hour) {
        ZoneId zone = calendar().zone();
        return day.atStartOfDay(zone).toInstant().toEpochMilli() + Math.round(hour * 3_600_000L);
    }

    /** A random instant (whole seconds) between two local hours of a day. */
    public long timeOn(LocalDate day, double fromHour, double toHour, SimRandom random) {
        long from = millis(day, fromHour);
        long span = millis(day, toHour) - from;
        return from + random.nextLong(span / 1000) * 1000;
    }

    /** A readable id unique within the tenant: {@code cl-000001}, {@code tk-000042}. */
    public String nextId(String prefix) {
        int n = counters.merge(prefix, 1, Integer::sum);
        return String.format("%s-%06d", prefix, n);
    }

    public static long hours(double h) {
        return Math.round(h * 3_600_000L);
    }
}
