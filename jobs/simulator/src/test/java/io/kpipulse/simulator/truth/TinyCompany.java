package io.kpipulse.simulator.truth;

import io.kpipulse.events.EventTypes;
import io.kpipulse.events.SchemaHistory;
import io.kpipulse.events.claims.ClaimApproved;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.common.LineOfBusiness;
import io.kpipulse.events.crm.CustomerRecordVerified;
import io.kpipulse.events.crm.LeadConverted;
import io.kpipulse.events.crm.LeadCreated;
import io.kpipulse.events.finance.ClaimPaymentExecuted;
import io.kpipulse.events.finance.ReimbursementPaid;
import io.kpipulse.events.finance.ReimbursementSubmitted;
import io.kpipulse.events.hr.CandidateOnboarded;
import io.kpipulse.events.hr.TrainingAssessed;
import io.kpipulse.events.it.IncidentOpened;
import io.kpipulse.events.it.IncidentResolved;
import io.kpipulse.events.it.IncidentSeverity;
import io.kpipulse.events.org.DepartmentCreated;
import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.events.org.DepartmentType;
import io.kpipulse.events.org.EmployeeHired;
import io.kpipulse.events.org.EmployeeLeft;
import io.kpipulse.events.policy.PolicyIssued;
import io.kpipulse.events.policy.PolicyLapsed;
import io.kpipulse.events.policy.SalesChannel;
import io.kpipulse.events.selfreport.SelfReportSubmitted;
import io.kpipulse.events.service.ServiceChannel;
import io.kpipulse.events.service.TicketFirstResponse;
import io.kpipulse.events.service.TicketOpened;
import io.kpipulse.events.service.TicketPriority;
import io.kpipulse.tenants.TenantCalendar;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * A hand-built scenario small enough to check by hand: tenant {@code t-tiny}, root {@code d-001} (finance
 * person e3) with one child {@code d-002} (agents e1, e2). Times are Asia/Shanghai wall-clock times in March
 * 2026 (6 March is a Friday).
 */
final class TinyCompany {

    static final String TENANT = "t-tiny";
    static final TenantCalendar CALENDAR = TenantCalendar.defaults();
    static final String ROOT = "d-001";
    static final String SALES = "d-002";
    static final String E1 = "e-00001";
    static final String E2 = "e-00002";
    static final String E3 = "e-00003";

    private final List<SpecificRecord> events = new ArrayList<>();
    private int ids;

    static Map<String, TenantCalendar> calendars() {
        return Map.of(TENANT, CALENDAR);
    }

    List<SpecificRecord> events() {
        return List.copyOf(events);
    }

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(CALENDAR.zone()).toInstant();
    }

    EventHeader header(Class<? extends SpecificRecord> type, String time, String employee, String department) {
        ids++;
        return EventHeader.newBuilder()
                .setTenantId(TENANT)
                .setEventId(new UUID(0, ids))
                .setEventTime(at(time))
                .setSourceSystem(EventTypes.of(type).sourceSystem())
                .setEmployeeId(employee)
                .setDepartmentId(department)
                .setSchemaVersion(SchemaHistory.currentVersion(EventTypes.of(type)))
                .build();
    }

    private String deptOf(String employee) {
        return E3.equals(employee) ? ROOT : SALES;
    }

    TinyCompany add(SpecificRecord e) {
        events.add(e);
        return this;
    }

    TinyCompany org() {
        add(DepartmentCreated.newBuilder()
                .setHeader(header(DepartmentCreated.class, "2026-03-01T00:00", null, ROOT))
                .setDepartmentId(ROOT)
                .setName("Head Office")
                .setParentDepartmentId(null)
                .setDepartmentType(DepartmentType.SUPPORT)
                .setFunction(DepartmentFunction.EXECUTIVE)
                .build());
        add(DepartmentCreated.newBuilder()
                .setHeader(header(DepartmentCreated.class, "2026-03-01T00:00", null, SALES))
                .setDepartmentId(SALES)
                .setName("Sales")
                .setParentDepartmentId(ROOT)
                .setDepartmentType(DepartmentType.FRONT_LINE)
                .setFunction(DepartmentFunction.LIFE_SALES)
                .build());
        for (String e : List.of(E1, E2, E3)) {
            add(EmployeeHired.newBuilder()
                    .setHeader(header(EmployeeHired.class, "2026-03-01T00:00", e, deptOf(e)))
                    .setEmployeeId(e)
                    .setDepartmentId(deptOf(e))
                    .setPosition("Agent")
                    .setManagerId(null)
                    .setHireDate(LocalDate.of(2026, 1, 5))
                    .setBasePay(new BigDecimal("6000.00"))
                    .setName(e)
                    .build());
        }
        return this;
    }

    TinyCompany policy(String time, String agent, String premium, boolean firstYear) {
        return add(PolicyIssued.newBuilder()
                .setHeader(header(PolicyIssued.class, time, agent, deptOf(agent)))
                .setPolicyId("p-" + ids)
                .setPremium(new BigDecimal(premium))
                .setProductLine(LineOfBusiness.LIFE)
                .setChannel(SalesChannel.AGENT)
                .setAgentId(agent)
                .setFirstYear(firstYear)
                .setCustomerId("c-1")
                .build());
    }

    TinyCompany lapse(String time, String agent) {
        return add(PolicyLapsed.newBuilder()
                .setHeader(header(PolicyLapsed.class, time, agent, deptOf(agent)))
                .setPolicyId("p-old")
                .setAgentId(agent)
                .setPremiumLost(new BigDecimal("100.00"))
                .build());
    }

    TinyCompany lead(String time, String agent, String leadId, boolean converted) {
        add(LeadCreated.newBuilder()
                .setHeader(header(LeadCreated.class, time, agent, deptOf(agent)))
                .setLeadId(leadId)
                .setOwnerId(agent)
                .setSource("referral")
                .build());
        if (converted) {
            add(LeadConverted.newBuilder()
                    .setHeader(header(LeadConverted.class, time, agent, deptOf(agent)))
                    .setLeadId(leadId)
                    .setOwnerId(agent)
                    .setPolicyId(null)
                    .build());
        }
        return this;
    }

    TinyCompany assessed(String time, String trainee, boolean passed) {
        return add(TrainingAssessed.newBuilder()
                .setHeader(header(TrainingAssessed.class, time, trainee, deptOf(trainee)))
                .setTrainingId("tr-" + ids)
                .setEmployeeId(trainee)
                .setPassed(passed)
                .setScore(passed ? 80.0 : 40.0)
                .build());
    }

    TinyCompany reimbursement(String id, String submitted, String claimant, String paid, String processor) {
        add(ReimbursementSubmitted.newBuilder()
                .setHeader(header(ReimbursementSubmitted.class, submitted, claimant, deptOf(claimant)))
                .setReimbursementId(id)
                .setClaimantEmployeeId(claimant)
                .setAmount(new BigDecimal("50.00"))
                .setCategory("travel")
                .build());
        return add(ReimbursementPaid.newBuilder()
                .setHeader(header(ReimbursementPaid.class, paid, processor, deptOf(processor)))
                .setReimbursementId(id)
                .setProcessorId(processor)
                .setAmount(new BigDecimal("50.00"))
                .build());
    }

    TinyCompany claimPayment(String claimId, String approved, String approver, String executed, String executor) {
        add(ClaimApproved.newBuilder()
                .setHeader(header(ClaimApproved.class, approved, approver, deptOf(approver)))
                .setClaimId(claimId)
                .setApprovedAmount(new BigDecimal("900.00"))
                .setApproverId(approver)
                .build());
        return add(ClaimPaymentExecuted.newBuilder()
                .setHeader(header(ClaimPaymentExecuted.class, executed, executor, deptOf(executor)))
                .setClaimId(claimId)
                .setPaymentId("pay-" + claimId)
                .setAmount(new BigDecimal("900.00"))
                .setExecutedBy(executor)
                .build());
    }

    TinyCompany ticket(String id, String opened, String responded, String agent) {
        add(TicketOpened.newBuilder()
                .setHeader(header(TicketOpened.class, opened, agent, deptOf(agent)))
                .setTicketId(id)
                .setCustomerId(null)
                .setChannel(ServiceChannel.PHONE)
                .setPriority(TicketPriority.NORMAL)
                .setAssigneeId(agent)
                .build());
        return add(TicketFirstResponse.newBuilder()
                .setHeader(header(TicketFirstResponse.class, responded, agent, deptOf(agent)))
                .setTicketId(id)
                .setResponderId(agent)
                .build());
    }

    TinyCompany onboarded(String time, String recruiter, String newEmployee) {
        return add(CandidateOnboarded.newBuilder()
                .setHeader(header(CandidateOnboarded.class, time, recruiter, deptOf(recruiter)))
                .setCandidateId("cand-" + newEmployee)
                .setRequisitionId("rq-1")
                .setNewEmployeeId(newEmployee)
                .setDepartmentId(SALES)
                .setRecruiterId(recruiter)
                .build());
    }

    /** An incident owned by {@code owner}, affecting d-002; {@code resolved} null: never resolved. */
    TinyCompany incident(String id, String opened, String owner, String resolved) {
        add(IncidentOpened.newBuilder()
                .setHeader(header(IncidentOpened.class, opened, owner, deptOf(owner)))
                .setIncidentId(id)
                .setAffectedSystem("core-policy-admin")
                .setSeverity(IncidentSeverity.SEV2)
                .setAffectedDepartmentIds(List.of(SALES))
                .setOwnerId(owner)
                .build());
        if (resolved != null) {
            add(IncidentResolved.newBuilder()
                    .setHeader(header(IncidentResolved.class, resolved, owner, deptOf(owner)))
                    .setIncidentId(id)
                    .setResolverId(owner)
                    .build());
        }
        return this;
    }

    TinyCompany left(String time, String employee) {
        return add(EmployeeLeft.newBuilder()
                .setHeader(header(EmployeeLeft.class, time, employee, deptOf(employee)))
                .setEmployeeId(employee)
                .setDepartmentId(deptOf(employee))
                .setLeaveDate(LocalDate.of(2026, 3, 20))
                .setVoluntary(true)
                .setReason(null)
                .build());
    }

    TinyCompany verified(String time, String owner, boolean complete) {
        return add(CustomerRecordVerified.newBuilder()
                .setHeader(header(CustomerRecordVerified.class, time, owner, deptOf(owner)))
                .setCustomerId("c-" + ids)
                .setOwnerId(owner)
                .setComplete(complete)
                .build());
    }

    TinyCompany selfReport(String time, String employee, String period, long claimed) {
        return add(SelfReportSubmitted.newBuilder()
                .setHeader(header(SelfReportSubmitted.class, time, employee, deptOf(employee)))
                .setEmployeeId(employee)
                .setPeriod(period)
                .setMetric("customer_records_completed")
                .setClaimedCount(claimed)
                .build());
    }
}
