package io.kpipulse.testing;

import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventKeys;
import io.kpipulse.events.EventTypes;
import io.kpipulse.events.claims.ClaimApproved;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.common.LineOfBusiness;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.finance.ClaimPaymentExecuted;
import io.kpipulse.events.it.IncidentOpened;
import io.kpipulse.events.it.IncidentResolved;
import io.kpipulse.events.it.IncidentSeverity;
import io.kpipulse.events.org.DepartmentCreated;
import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.events.org.DepartmentType;
import io.kpipulse.events.org.EmployeeHired;
import io.kpipulse.events.policy.PolicyIssued;
import io.kpipulse.events.policy.SalesChannel;
import io.kpipulse.ingest.RawRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** Hand-built events for tests: readable scenarios with times in the tenant's zone (Asia/Shanghai). */
public final class TestEvents {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final String tenant;
    private long offset;
    private int sequence;

    public TestEvents(String tenant) {
        this.tenant = tenant;
    }

    public static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
    }

    public EventHeader header(SourceSystem system, String when, String employee, String department) {
        return EventHeader.newBuilder()
                .setTenantId(tenant)
                .setEventId(UUID.nameUUIDFromBytes((tenant + "#" + (++sequence)).getBytes(StandardCharsets.UTF_8)))
                .setEventTime(at(when))
                .setSourceSystem(system)
                .setEmployeeId(employee)
                .setDepartmentId(department)
                .setSchemaVersion(1)
                .build();
    }

    public DepartmentCreated department(String id, String parent, String when) {
        return DepartmentCreated.newBuilder()
                .setHeader(header(SourceSystem.ORG, when, null, id))
                .setDepartmentId(id)
                .setName(id)
                .setParentDepartmentId(parent)
                .setDepartmentType(DepartmentType.FRONT_LINE)
                .setFunction(DepartmentFunction.OTHER)
                .build();
    }

    public EmployeeHired hire(String employee, String department, String when) {
        return EmployeeHired.newBuilder()
                .setHeader(header(SourceSystem.ORG, when, employee, department))
                .setEmployeeId(employee)
                .setDepartmentId(department)
                .setPosition("staff")
                .setManagerId(null)
                .setHireDate(at(when).atZone(ZONE).toLocalDate())
                .setBasePay(new BigDecimal("10000.00"))
                .setName(employee)
                .build();
    }

    public PolicyIssued policy(String agent, String department, String when, String premium, boolean firstYear) {
        return PolicyIssued.newBuilder()
                .setHeader(header(SourceSystem.POLICY, when, agent, department))
                .setPolicyId("p-" + sequence)
                .setPremium(new BigDecimal(premium))
                .setProductLine(LineOfBusiness.LIFE)
                .setChannel(SalesChannel.AGENT)
                .setAgentId(agent)
                .setFirstYear(firstYear)
                .setCustomerId("c-" + sequence)
                .build();
    }

    public ClaimApproved claimApproved(String claim, String approver, String department, String when) {
        return ClaimApproved.newBuilder()
                .setHeader(header(SourceSystem.CLAIMS, when, approver, department))
                .setClaimId(claim)
                .setApprovedAmount(new BigDecimal("5000.00"))
                .setApproverId(approver)
                .build();
    }

    public ClaimPaymentExecuted paymentExecuted(String claim, String executor, String department, String when) {
        return ClaimPaymentExecuted.newBuilder()
                .setHeader(header(SourceSystem.FINANCE, when, executor, department))
                .setClaimId(claim)
                .setPaymentId("pay-" + claim)
                .setAmount(new BigDecimal("5000.00"))
                .setExecutedBy(executor)
                .build();
    }

    /** An incident owned by an IT engineer of {@code itDepartment}, affecting {@code affected}. */
    public IncidentOpened incidentOpened(
            String incident, String owner, String itDepartment, String when, String... affected) {
        return IncidentOpened.newBuilder()
                .setHeader(header(SourceSystem.IT, when, owner, itDepartment))
                .setIncidentId(incident)
                .setAffectedSystem("core-policy-admin")
                .setSeverity(IncidentSeverity.SEV2)
                .setAffectedDepartmentIds(List.of(affected))
                .setOwnerId(owner)
                .build();
    }

    public IncidentResolved incidentResolved(String incident, String resolver, String itDepartment, String when) {
        return IncidentResolved.newBuilder()
                .setHeader(header(SourceSystem.IT, when, resolver, itDepartment))
                .setIncidentId(incident)
                .setResolverId(resolver)
                .build();
    }

    /** The record a producer would send on time: right topic, key and single-object bytes, next offset. */
    public RawRecord record(SpecificRecord event) {
        long time = io.kpipulse.events.EventHeaders.header(event).getEventTime().toEpochMilli();
        return receivedAt(event, time);
    }

    /** The record as received at {@code receivedAt} (its Kafka timestamp): late when long after its event time. */
    public RawRecord receivedAt(SpecificRecord event, long receivedAt) {
        byte[] bytes = EventCodec.standard().encode(event);
        return new RawRecord(
                EventTypes.of(event.getClass()).topic(),
                0,
                offset++,
                EventKeys.keyStringOf(event),
                bytes,
                io.kpipulse.events.EventHeaders.header(event).getEventTime().toEpochMilli(),
                receivedAt);
    }

    public RawRecord raw(String topic, String key, byte[] bytes, long time) {
        return new RawRecord(topic, 0, offset++, key, bytes, time, time);
    }
}
