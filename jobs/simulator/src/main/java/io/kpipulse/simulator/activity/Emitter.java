package io.kpipulse.simulator.activity;

import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.EventType;
import io.kpipulse.events.EventTypes;
import io.kpipulse.events.SchemaHistory;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.simulator.SimEvent;
import io.kpipulse.simulator.SimRandom;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds headers by the simulator's conventions and collects events of one tenant. Header conventions:
 * {@code employeeId} is the employee whose work the event records, {@code departmentId} that employee's
 * department at the event's time (or the department concerned when there is no employee), {@code eventId}
 * a UUID drawn from the seeded stream, {@code schemaVersion} the newest released version of the type.
 *
 * <p>Events outside the simulated period, and events of employees not employed at their time, are not
 * emitted ({@link #emit} returns false) — a chain of events (claim reported → paid) stops there.
 */
public final class Emitter {

    /** Newest released schema version per event type, read once (the history is parsed from resources). */
    private static final java.util.Map<String, Integer> VERSIONS = versions();

    private final String tenantId;
    private final Workforce workforce;
    private final SimRandom ids;
    private final long startMillis;
    private final long endMillis;
    private final List<SimEvent> out;
    private final long[] sequence;

    /** {@code sequence} is shared by all tenants so the order of generation is a total order. */
    public Emitter(
            String tenantId,
            Workforce workforce,
            SimRandom ids,
            long startMillis,
            long endMillis,
            List<SimEvent> out,
            long[] sequence) {
        this.tenantId = tenantId;
        this.workforce = workforce;
        this.ids = ids;
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.out = out;
        this.sequence = sequence;
    }

    public String tenantId() {
        return tenantId;
    }

    public long endMillis() {
        return endMillis;
    }

    /** Header for an employee's work; the department is theirs at {@code time}. */
    public EventHeader header(long time, String employeeId) {
        return header(time, employeeId, workforce.departmentOf(employeeId, time));
    }

    /** Header for an event about a department only (budget lines, anonymous surveys). */
    public EventHeader departmentHeader(long time, String departmentId) {
        return header(time, null, departmentId);
    }

    public EventHeader header(long time, String employeeId, String departmentId) {
        return EventHeader.newBuilder()
                .setTenantId(tenantId)
                .setEventId(ids.uuid())
                .setEventTime(Instant.ofEpochMilli(time))
                .setSourceSystem(SourceSystem.UNKNOWN)
                .setEmployeeId(employeeId)
                .setDepartmentId(departmentId)
                .setSchemaVersion(0)
                .build();
    }

    /** Emits a business event; false (and nothing emitted) outside the period or when the employee is gone. */
    public boolean emit(SpecificRecord event) {
        EventHeader h = EventHeaders.header(event);
        long t = h.getEventTime().toEpochMilli();
        if (t < startMillis || t >= endMillis) {
            return false;
        }
        if (h.getEmployeeId() != null && !workforce.isActive(h.getEmployeeId(), t)) {
            return false;
        }
        add(event, h, t);
        return true;
    }

    /** Emits an org-directory event, which may concern an employee who is just joining or leaving. */
    public void emitOrg(SpecificRecord event) {
        EventHeader h = EventHeaders.header(event);
        add(event, h, h.getEventTime().toEpochMilli());
    }

    private static java.util.Map<String, Integer> versions() {
        java.util.Map<String, Integer> map = new java.util.TreeMap<>();
        for (EventType type : EventTypes.all()) {
            map.put(type.name(), SchemaHistory.currentVersion(type));
        }
        return map;
    }

    private void add(SpecificRecord event, EventHeader h, long t) {
        EventType type = EventTypes.of(event.getClass());
        h.setSourceSystem(type.sourceSystem());
        h.setSchemaVersion(VERSIONS.get(type.name()));
        out.add(new SimEvent(t, sequence[0]++, event));
    }
}
