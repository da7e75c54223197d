package io.kpipulse.events;

import io.kpipulse.events.claims.ClaimApproved;
import io.kpipulse.events.claims.ClaimAssessed;
import io.kpipulse.events.claims.ClaimPaid;
import io.kpipulse.events.claims.ClaimRejected;
import io.kpipulse.events.claims.ClaimReported;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.crm.CustomerRecordCreated;
import io.kpipulse.events.crm.CustomerRecordUpdated;
import io.kpipulse.events.crm.CustomerRecordVerified;
import io.kpipulse.events.crm.LeadConverted;
import io.kpipulse.events.crm.LeadCreated;
import io.kpipulse.events.feedback.ManagerRated;
import io.kpipulse.events.feedback.Review360Answered;
import io.kpipulse.events.feedback.SupportSurveyAnswered;
import io.kpipulse.events.finance.BudgetLineSpent;
import io.kpipulse.events.finance.ClaimPaymentExecuted;
import io.kpipulse.events.finance.CommissionPaid;
import io.kpipulse.events.finance.ReimbursementApproved;
import io.kpipulse.events.finance.ReimbursementPaid;
import io.kpipulse.events.finance.ReimbursementReturned;
import io.kpipulse.events.finance.ReimbursementSubmitted;
import io.kpipulse.events.hr.CandidateOffered;
import io.kpipulse.events.hr.CandidateOnboarded;
import io.kpipulse.events.hr.EmployeeExited;
import io.kpipulse.events.hr.RequisitionCancelled;
import io.kpipulse.events.hr.RequisitionFilled;
import io.kpipulse.events.hr.RequisitionOpened;
import io.kpipulse.events.hr.TrainingAssessed;
import io.kpipulse.events.hr.TrainingAssigned;
import io.kpipulse.events.hr.TrainingCompleted;
import io.kpipulse.events.it.IncidentOpened;
import io.kpipulse.events.it.IncidentResolved;
import io.kpipulse.events.org.DepartmentCreated;
import io.kpipulse.events.org.DepartmentRenamed;
import io.kpipulse.events.org.DepartmentReparented;
import io.kpipulse.events.org.EmployeeHired;
import io.kpipulse.events.org.EmployeeLeft;
import io.kpipulse.events.org.EmployeeMoved;
import io.kpipulse.events.org.SupportLinkAssigned;
import io.kpipulse.events.policy.PolicyIssued;
import io.kpipulse.events.policy.PolicyLapsed;
import io.kpipulse.events.policy.PolicySurrendered;
import io.kpipulse.events.selfreport.SelfReportSubmitted;
import io.kpipulse.events.service.TicketFirstResponse;
import io.kpipulse.events.service.TicketOpened;
import io.kpipulse.events.service.TicketReopened;
import io.kpipulse.events.service.TicketResolved;
import io.kpipulse.events.tasks.TaskAssigned;
import io.kpipulse.events.tasks.TaskCompleted;
import io.kpipulse.events.workflow.NodeExecuted;
import io.kpipulse.events.workflow.ProcessFinished;
import io.kpipulse.events.workflow.ProcessStarted;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The registry of every event type: the single place that lists them. Name, source system and topic are derived
 * from the Avro namespace {@code io.kpipulse.events.<system>}; the correlation field is the first field after the
 * header. Adding an event type = adding its {@code .avsc} and its class here (a test fails if one is missing).
 */
public final class EventTypes {
    /** Namespace prefix of every event record. */
    public static final String NAMESPACE_PREFIX = "io.kpipulse.events.";

    private static final List<Class<? extends SpecificRecord>> CLASSES = List.of(
            // org directory
            EmployeeHired.class,
            EmployeeMoved.class,
            EmployeeLeft.class,
            DepartmentCreated.class,
            DepartmentRenamed.class,
            DepartmentReparented.class,
            SupportLinkAssigned.class,
            // policy administration
            PolicyIssued.class,
            PolicyLapsed.class,
            PolicySurrendered.class,
            // claims
            ClaimReported.class,
            ClaimAssessed.class,
            ClaimApproved.class,
            ClaimPaid.class,
            ClaimRejected.class,
            // finance
            ClaimPaymentExecuted.class,
            ReimbursementSubmitted.class,
            ReimbursementApproved.class,
            ReimbursementPaid.class,
            ReimbursementReturned.class,
            CommissionPaid.class,
            BudgetLineSpent.class,
            // hr
            RequisitionOpened.class,
            RequisitionFilled.class,
            RequisitionCancelled.class,
            CandidateOffered.class,
            CandidateOnboarded.class,
            TrainingAssigned.class,
            TrainingCompleted.class,
            TrainingAssessed.class,
            EmployeeExited.class,
            // crm
            LeadCreated.class,
            LeadConverted.class,
            CustomerRecordCreated.class,
            CustomerRecordUpdated.class,
            CustomerRecordVerified.class,
            // customer service
            TicketOpened.class,
            TicketFirstResponse.class,
            TicketResolved.class,
            TicketReopened.class,
            // workflow / BPM
            ProcessStarted.class,
            NodeExecuted.class,
            ProcessFinished.class,
            // task system
            TaskAssigned.class,
            TaskCompleted.class,
            // IT incidents
            IncidentOpened.class,
            IncidentResolved.class,
            // surveys, 360 reviews, manager ratings
            SupportSurveyAnswered.class,
            Review360Answered.class,
            ManagerRated.class,
            // self reports
            SelfReportSubmitted.class);

    private static final List<EventType> ALL;
    private static final Map<String, EventType> BY_NAME;
    private static final Map<String, EventType> BY_FULL_NAME;
    private static final ClassValue<EventType> BY_CLASS = new ClassValue<>() {
        @Override
        protected EventType computeValue(Class<?> type) {
            for (EventType t : ALL) {
                if (t.javaClass() == type) {
                    return t;
                }
            }
            return null;
        }
    };

    static {
        Map<String, EventType> byName = new LinkedHashMap<>();
        Map<String, EventType> byFullName = new LinkedHashMap<>();
        for (Class<? extends SpecificRecord> cls : CLASSES) {
            EventType type = describe(cls);
            if (byName.put(type.name(), type) != null) {
                throw new IllegalStateException("duplicate event type " + type.name());
            }
            byFullName.put(type.fullName(), type);
        }
        ALL = List.copyOf(byName.values());
        BY_NAME = Collections.unmodifiableMap(byName);
        BY_FULL_NAME = Collections.unmodifiableMap(byFullName);
    }

    private EventTypes() {}

    /** Every event type, grouped by source system, in a stable order. */
    public static List<EventType> all() {
        return ALL;
    }

    /** The type with short name {@code <system>.<RecordName>}, e.g. {@code policy.PolicyIssued}. */
    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The type with the full Avro name, e.g. {@code io.kpipulse.events.policy.PolicyIssued}. */
    public static Optional<EventType> byFullName(String fullName) {
        return Optional.ofNullable(BY_FULL_NAME.get(fullName));
    }

    /**
     * The type of a generated event class.
     *
     * @throws IllegalArgumentException if the class is not a registered event
     */
    public static EventType of(Class<?> javaClass) {
        EventType type = BY_CLASS.get(javaClass);
        if (type == null) {
            throw new IllegalArgumentException("not a registered KPI Pulse event class: " + javaClass.getName());
        }
        return type;
    }

    /** The event types a source system emits. */
    public static List<EventType> forSystem(SourceSystem system) {
        return ALL.stream().filter(t -> t.sourceSystem() == system).toList();
    }

    /** The source system owning an event namespace segment, e.g. {@code selfreport} → SELF_REPORT. */
    static SourceSystem systemOfSegment(String segment) {
        return segment.equals("selfreport")
                ? SourceSystem.SELF_REPORT
                : SourceSystem.valueOf(segment.toUpperCase(Locale.ROOT));
    }

    private static EventType describe(Class<? extends SpecificRecord> cls) {
        Schema schema = SpecificData.get().getSchema(cls);
        String namespace = schema.getNamespace();
        if (namespace == null || !namespace.startsWith(NAMESPACE_PREFIX)) {
            throw new IllegalStateException(cls.getName() + ": namespace must start with " + NAMESPACE_PREFIX);
        }
        String segment = namespace.substring(NAMESPACE_PREFIX.length());
        SourceSystem system = systemOfSegment(segment);
        List<Schema.Field> fields = schema.getFields();
        if (fields.size() < 2 || !fields.get(EventHeaders.HEADER_POS).name().equals("header")) {
            throw new IllegalStateException(
                    cls.getName() + ": first field must be header, followed by the correlation id");
        }
        return new EventType(
                segment + "." + schema.getName(),
                cls,
                schema,
                system,
                SourceTopics.topicFor(system),
                fields.get(1).name());
    }
}
