package io.kpipulse.simulator;

import io.kpipulse.config.Settings;
import io.kpipulse.simulator.faults.FaultShares;
import io.kpipulse.tenants.TenantCalendar;
import io.kpipulse.tenants.TenantRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's settings, typed and validated. Build from {@link Settings} ({@link #from}) or start from
 * {@link #defaults()} and change fields with the {@code with…} methods (tests).
 */
public record SimulationConfig(
        long seed,
        int tenants,
        int employees,
        int departments,
        LocalDate start,
        int days,
        double rate,
        double compression,
        FaultShares faults,
        Duration outOfOrderBound,
        Duration allowedLateness,
        int partitions,
        String bootstrap,
        Path out,
        boolean dryRun) {

    /** Public holidays 2026 (New Year, Spring Festival, Qingming, Labour Day, Dragon Boat, Mid-Autumn, National Day). */
    /**
     * The calendar of the demo tenants (tenants/demo-tenants.yaml): the 2026 public holidays and make-up
     * working days of mainland China, the same file the engine and the API read, so the ground truth's
     * working days are the engine's.
     */
    private static final TenantCalendar CALENDAR_2026 =
            TenantRegistry.fromFileOrDemo("").calendars().get("t-acme-life");

    public SimulationConfig {
        if (tenants < 1 || days < 1 || partitions < 1 || rate < 0 || compression < 0) {
            throw new IllegalArgumentException("tenants, days and partitions must be ≥ 1; rate and compression ≥ 0");
        }
    }

    public static SimulationConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }

    public static SimulationConfig from(Settings s) {
        return new SimulationConfig(
                s.get(SimulatorOptions.SEED),
                s.get(SimulatorOptions.TENANTS),
                s.get(SimulatorOptions.EMPLOYEES),
                s.get(SimulatorOptions.DEPARTMENTS),
                LocalDate.parse(s.get(SimulatorOptions.START)),
                s.get(SimulatorOptions.DAYS),
                Double.parseDouble(s.get(SimulatorOptions.RATE)),
                Double.parseDouble(s.get(SimulatorOptions.COMPRESSION)),
                FaultShares.preset(s.get(SimulatorOptions.FAULTS)),
                s.get(SimulatorOptions.OUT_OF_ORDER_BOUND),
                s.get(SimulatorOptions.ALLOWED_LATENESS),
                s.get(SimulatorOptions.PARTITIONS),
                s.get(SimulatorOptions.BOOTSTRAP),
                Path.of(s.get(SimulatorOptions.OUT)),
                s.get(SimulatorOptions.DRY_RUN));
    }

    public SimulationConfig withSeed(long newSeed) {
        return new SimulationConfig(
                newSeed,
                tenants,
                employees,
                departments,
                start,
                days,
                rate,
                compression,
                faults,
                outOfOrderBound,
                allowedLateness,
                partitions,
                bootstrap,
                out,
                dryRun);
    }

    public SimulationConfig withSize(int newTenants, int newEmployees, int newDepartments) {
        return new SimulationConfig(
                seed,
                newTenants,
                newEmployees,
                newDepartments,
                start,
                days,
                rate,
                compression,
                faults,
                outOfOrderBound,
                allowedLateness,
                partitions,
                bootstrap,
                out,
                dryRun);
    }

    public SimulationConfig withPeriod(LocalDate newStart, int newDays) {
        return new SimulationConfig(
                seed,
                tenants,
                employees,
                departments,
                newStart,
                newDays,
                rate,
                compression,
                faults,
                outOfOrderBound,
                allowedLateness,
                partitions,
                bootstrap,
                out,
                dryRun);
    }

    public SimulationConfig withFaults(FaultShares newFaults) {
        return new SimulationConfig(
                seed,
                tenants,
                employees,
                departments,
                start,
                days,
                rate,
                compression,
                newFaults,
                outOfOrderBound,
                allowedLateness,
                partitions,
                bootstrap,
                out,
                dryRun);
    }

    /** Tenant ids in order: the two named demo tenants, then {@code t-tenant-03}, ... */
    public List<String> tenantIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= tenants; i++) {
            ids.add(i == 1 ? "t-acme-life" : i == 2 ? "t-pingan-demo" : String.format("t-tenant-%02d", i));
        }
        return ids;
    }

    /** Every simulated tenant: zone Asia/Shanghai with the 2026 holidays and make-up working days. */
    public TenantCalendar calendarOf(String tenantId) {
        return CALENDAR_2026;
    }
}
