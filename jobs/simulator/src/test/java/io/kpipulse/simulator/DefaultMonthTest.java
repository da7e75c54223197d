package io.kpipulse.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.events.DecodedEvent;
import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventDecodeException;
import io.kpipulse.events.EventKeys;
import io.kpipulse.events.EventTypes;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.feedback.ManagerRated;
import io.kpipulse.events.hr.RequisitionOpened;
import io.kpipulse.events.hr.TrainingAssessed;
import io.kpipulse.events.org.EmployeeHired;
import io.kpipulse.events.tasks.TaskCompleted;
import io.kpipulse.events.workflow.NodeExecuted;
import io.kpipulse.simulator.faults.FaultKind;
import io.kpipulse.simulator.faults.FaultShares;
import io.kpipulse.simulator.truth.ExpectedValue;
import io.kpipulse.simulator.truth.GroundTruth;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A default month (2 tenants × 2,000 employees, March 2026) with the demo faults. */
class DefaultMonthTest {

    private static SimulationResult result;

    @BeforeAll
    static void simulate() {
        result = Simulation.run(SimulationConfig.defaults().withFaults(FaultShares.demo()));
    }

    @Test
    void everyEventTypeOccursForEveryTenant() {
        for (String tenant : result.config().tenantIds()) {
            Set<String> seen = new TreeSet<>();
            result.accepted().stream()
                    .filter(e -> e.tenantId().equals(tenant))
                    .forEach(e -> seen.add(e.type().name()));
            Set<String> missing = new TreeSet<>();
            EventTypes.all().forEach(t -> missing.add(t.name()));
            missing.removeAll(seen);
            assertEquals(Set.of(), missing, tenant + " lacks event types");
        }
    }

    @Test
    void volumesAndBehaviourArePlausible() {
        Map<String, Integer> perType = new TreeMap<>();
        result.events().stream()
                .filter(e -> e.tenantId().equals("t-acme-life"))
                .forEach(e -> perType.merge(e.type().name(), 1, Integer::sum));
        int total = perType.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(total > 50_000 && total < 400_000, "events per tenant-month: " + total);
        assertEquals(2000, perType.get("org.EmployeeHired") - perType.getOrDefault("hr.CandidateOnboarded", 0));
        double conversion = (double) perType.get("crm.LeadConverted") / perType.get("crm.LeadCreated");
        assertTrue(conversion > 0.06 && conversion < 0.10, "conversion " + conversion);
        int agents = (int) result.companies().get(0).employees().stream()
                .filter(e -> e.position().equals("Insurance Agent"))
                .count();
        double policiesPerAgent = (double) perType.get("policy.PolicyIssued") / agents;
        assertTrue(policiesPerAgent > 5 && policiesPerAgent < 12, "policies per agent in March " + policiesPerAgent);
        double passRate = passRate();
        assertTrue(passRate > 0.85 && passRate < 0.95, "pass rate " + passRate);
        int leavers = perType.get("org.EmployeeLeft");
        assertTrue(leavers > 10 && leavers < 60, "leavers " + leavers);
    }

    private static double passRate() {
        long passed = result.events().stream()
                .filter(e -> e.event() instanceof TrainingAssessed t && t.getPassed())
                .count();
        long all = result.events().stream()
                .filter(e -> e.event() instanceof TrainingAssessed)
                .count();
        return (double) passed / all;
    }

    @Test
    void headersFollowTheConventions() {
        Map<String, Set<String>> directory = new TreeMap<>();
        for (SimEvent e : result.events()) {
            EventHeader h = e.header();
            assertEquals(e.eventTime(), h.getEventTime().toEpochMilli());
            assertEquals(e.type().sourceSystem(), h.getSourceSystem());
            assertTrue(h.getSchemaVersion() >= 1, e.type().name());
            assertTrue(h.getDepartmentId() != null, e.type().name() + " without department");
            if (e.event() instanceof EmployeeHired hired) {
                directory.computeIfAbsent(h.getTenantId(), t -> new HashSet<>()).add(hired.getEmployeeId());
            } else if (h.getEmployeeId() != null) {
                assertTrue(
                        directory.get(h.getTenantId()).contains(h.getEmployeeId()),
                        e.type().name() + " of an employee not hired before: " + h.getEmployeeId());
            }
        }
        Set<Object> ids = new HashSet<>();
        result.events().forEach(e -> assertTrue(ids.add(e.header().getEventId()), "event ids are unique"));
    }

    @Test
    void everyAcceptedRecordRoundTripsThroughTheCodec() throws EventDecodeException {
        EventCodec codec = EventCodec.standard();
        int i = 0;
        for (ProducedRecord r : result.records()) {
            if (r.fault() != FaultKind.NONE
                    && r.fault() != FaultKind.OUT_OF_ORDER
                    && r.fault() != FaultKind.DUPLICATE) {
                continue;
            }
            DecodedEvent decoded = codec.decode(r.value());
            assertEquals(decoded.type().topic(), r.topic());
            assertEquals(
                    EventKeys.keyStringOf(decoded.event()),
                    new String(r.key(), java.nio.charset.StandardCharsets.UTF_8));
            // the decoded event fits its schema: it encodes again and decodes to an equal event (byte equality
            // would fail for maps, which Avro decodes into hash maps of another iteration order)
            assertEquals(
                    decoded.event(), codec.decode(codec.encode(decoded.event())).event());
            i++;
        }
        Set<SpecificRecord> accepted = new HashSet<>();
        result.accepted().forEach(e -> accepted.add(e.event()));
        for (ProducedRecord r : result.records()) {
            if (r.fault() == FaultKind.NONE || r.fault() == FaultKind.OUT_OF_ORDER) {
                assertTrue(accepted.contains(codec.decode(r.value()).event()), "decodes to an accepted event");
            }
        }
        assertTrue(i > 100_000);
    }

    @Test
    void injectedFaultsAreWhatTheyClaimAndCountsReconcile() throws EventDecodeException {
        EventCodec codec = EventCodec.standard();
        Set<String> tenants = new HashSet<>(result.config().tenantIds());
        Map<FaultKind, Integer> seen = new TreeMap<>();
        for (ProducedRecord r : result.records()) {
            seen.merge(r.fault(), 1, Integer::sum);
            switch (r.fault()) {
                case MALFORMED -> assertThrowsDecode(codec, r.value());
                case UNKNOWN_TENANT ->
                    assertFalse(
                            tenants.contains(codec.decode(r.value()).header().getTenantId()));
                case UNKNOWN_EMPLOYEE ->
                    assertTrue(codec.decode(r.value()).header().getEmployeeId().startsWith("e-u"));
                case IMPOSSIBLE_VALUE ->
                    assertNotNull(impossible(codec.decode(r.value()).event()), "an impossible value is flagged");
                case NONE, OUT_OF_ORDER, DUPLICATE, LATE ->
                    assertEquals(null, impossible(codec.decode(r.value()).event()));
            }
        }
        for (FaultKind kind : List.of(
                FaultKind.DUPLICATE,
                FaultKind.OUT_OF_ORDER,
                FaultKind.LATE,
                FaultKind.MALFORMED,
                FaultKind.UNKNOWN_EMPLOYEE,
                FaultKind.UNKNOWN_TENANT,
                FaultKind.IMPOSSIBLE_VALUE)) {
            assertTrue(seen.getOrDefault(kind, 0) > 100, kind + " injected " + seen.get(kind));
        }
        ExpectedCounts counts = result.expectedCounts();
        assertTrue(counts.reconciles(), counts.toJson());
        assertEquals(result.accepted().size(), counts.accepted());
    }

    @Test
    void groundTruthCoversEveryIndicatorForEveryTenant() {
        List<ExpectedValue> truth = GroundTruth.compute(result);
        Set<String> indicators = new TreeSet<>();
        truth.stream().filter(v -> v.tenantId().equals("t-pingan-demo")).forEach(v -> indicators.add(v.indicatorId()));
        Set<String> all = new TreeSet<>();
        io.kpipulse.catalog.CatalogYaml.templateLibrary().indicators().forEach(d -> all.add(d.id()));
        assertEquals(all, indicators);
    }

    @Test
    void companyRootTotalsEqualTheAcceptedEventsAndLateEventsAreLeftOut() {
        List<ExpectedValue> truth = GroundTruth.compute(result);
        for (String tenant : result.config().tenantIds()) {
            BigDecimal premium = BigDecimal.ZERO;
            long policies = 0;
            for (SimEvent e : result.accepted()) {
                if (e.tenantId().equals(tenant) && e.event() instanceof io.kpipulse.events.policy.PolicyIssued p) {
                    policies++;
                    premium = p.getFirstYear() ? premium.add(p.getPremium()) : premium;
                }
            }
            assertEquals(premium, rootMonth(truth, tenant, "new_policy_premium").value());
            assertEquals(
                    BigDecimal.valueOf(policies),
                    rootMonth(truth, tenant, "policies_issued").value());
        }
    }

    private static ExpectedValue rootMonth(List<ExpectedValue> truth, String tenant, String indicator) {
        return truth.stream()
                .filter(v -> v.tenantId().equals(tenant)
                        && v.indicatorId().equals(indicator)
                        && v.windowType() == io.kpipulse.catalog.WindowType.MONTH_TO_DATE
                        && v.subjectType() == io.kpipulse.catalog.SubjectType.DEPARTMENT
                        && v.subjectId().equals("d-001"))
                .findFirst()
                .orElseThrow();
    }

    private static void assertThrowsDecode(EventCodec codec, byte[] bytes) {
        try {
            codec.decode(bytes);
            throw new AssertionError("malformed bytes decoded");
        } catch (EventDecodeException expected) {
            // the engine dead-letters these
        }
    }

    /** The engine's IMPOSSIBLE_VALUE rules, written independently of the injector; null when none is broken. */
    static String impossible(SpecificRecord event) {
        for (Schema.Field f : event.getSchema().getFields()) {
            Object v = event.get(f.pos());
            boolean money = f.schema().getLogicalType() != null
                    && f.schema().getLogicalType().getName().equals("decimal");
            if (money
                    && v instanceof BigDecimal d
                    && d.signum() < 0
                    && !EventTypes.of(event.getClass()).name().equals("finance.BudgetLineSpent")) {
                return "negative " + f.name();
            }
        }
        if (event instanceof ManagerRated m && (m.getRating() < 0 || m.getRating() > 100)) {
            return "rating";
        }
        if (event instanceof TrainingAssessed t && (t.getScore() < 0 || t.getScore() > 100)) {
            return "score";
        }
        if (event instanceof TaskCompleted t && (t.getQuantityDone() < 0 || t.getErrorsFound() < 0)) {
            return "task";
        }
        if (event instanceof RequisitionOpened r && r.getHeadcount() <= 0) {
            return "headcount";
        }
        if (event instanceof NodeExecuted n && n.getEndTime().isBefore(n.getStartTime())) {
            return "node";
        }
        return null;
    }
}
