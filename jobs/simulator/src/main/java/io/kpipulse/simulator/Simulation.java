package io.kpipulse.simulator;

import io.kpipulse.events.EventCodec;
import io.kpipulse.simulator.activity.ActivityModel;
import io.kpipulse.simulator.company.Company;
import io.kpipulse.simulator.company.CompanyGenerator;
import io.kpipulse.simulator.faults.FaultInjector;
import io.kpipulse.tenants.TenantCalendar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates a whole simulation in memory: companies, their clean events sorted by event time (generation
 * order breaks ties), and the records to produce after fault injection. No wall clock, no hash ordering: the
 * same config gives byte-identical records.
 */
public final class Simulation {

    private Simulation() {}

    public static SimulationResult run(SimulationConfig config) {
        SimRandom root = new SimRandom(config.seed());
        List<Company> companies = new ArrayList<>();
        List<SimEvent> events = new ArrayList<>();
        long[] sequence = {0};
        for (String tenantId : config.tenantIds()) {
            SimRandom tenantRandom = root.split();
            Company company = company(config, tenantId, tenantRandom);
            companies.add(company);
            ActivityModel.generate(company, config.start(), config.days(), tenantRandom.split(), events, sequence);
        }
        events.sort(SimEvent.BY_TIME);
        FaultInjector.Result faults = new FaultInjector(
                        config.faults(), config.outOfOrderBound(), config.allowedLateness(), EventCodec.standard())
                .inject(events, root.split());
        return new SimulationResult(
                config, companies, List.copyOf(events), faults.records(), faults.accepted(), faults.injected());
    }

    /**
     * The companies a run of {@code config} starts from (same ids, departments, managers and names), without
     * generating a single event: what the local stack needs to pick its demo users.
     */
    public static List<Company> companies(SimulationConfig config) {
        SimRandom root = new SimRandom(config.seed());
        List<Company> companies = new ArrayList<>();
        for (String tenantId : config.tenantIds()) {
            companies.add(company(config, tenantId, root.split()));
        }
        return companies;
    }

    private static Company company(SimulationConfig config, String tenantId, SimRandom tenantRandom) {
        TenantCalendar calendar = config.calendarOf(tenantId);
        return CompanyGenerator.generate(
                tenantId, calendar, config.employees(), config.departments(), config.start(), tenantRandom.split());
    }

    /** Calendars of the registered tenants, for the ground truth. */
    public static Map<String, TenantCalendar> calendars(List<Company> companies) {
        Map<String, TenantCalendar> out = new LinkedHashMap<>();
        companies.forEach(c -> out.put(c.tenantId(), c.calendar()));
        return out;
    }
}
