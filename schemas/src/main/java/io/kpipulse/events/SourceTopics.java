package io.kpipulse.events;

import io.kpipulse.events.common.SourceSystem;
import java.util.List;
import java.util.Optional;

/**
 * Kafka topic names. Every source system publishes to its own topic {@code kpi.events.<system>}; messages are
 * keyed by {@link EventKeys#keyOf} and valued by {@link EventCodec#encode}.
 */
public final class SourceTopics {
    public static final String ORG = "kpi.events.org";
    public static final String POLICY = "kpi.events.policy";
    public static final String CLAIMS = "kpi.events.claims";
    public static final String FINANCE = "kpi.events.finance";
    public static final String HR = "kpi.events.hr";
    public static final String CRM = "kpi.events.crm";
    public static final String SERVICE = "kpi.events.service";
    public static final String WORKFLOW = "kpi.events.workflow";
    public static final String TASKS = "kpi.events.tasks";
    public static final String IT = "kpi.events.it";
    public static final String FEEDBACK = "kpi.events.feedback";
    public static final String SELF_REPORT = "kpi.events.selfreport";

    /** Records that could not be decoded or validated, with the reason and the original bytes. */
    public static final String DEAD_LETTERS = "kpi.deadletters";
    /** Compacted control topic: catalog, targets and rules changed at run time. */
    public static final String CONTROL = "kpi.control";
    /** The key of the control record that carries the whole catalog YAML (the newest version wins). */
    public static final String CONTROL_CATALOG_KEY = "catalog";
    /** Control records of alert rules are keyed {@code alert-rule/<tenant>/<rule>}; a null value deletes the rule. */
    public static final String CONTROL_ALERT_RULE_PREFIX = "alert-rule/";
    /** Alert transitions (JSON, keyed by their idempotency key) for the dispatcher to deliver. */
    public static final String ALERTS = "kpi.alerts";

    private static final List<String> EVENT_TOPICS =
            List.of(ORG, POLICY, CLAIMS, FINANCE, HR, CRM, SERVICE, WORKFLOW, TASKS, IT, FEEDBACK, SELF_REPORT);

    private SourceTopics() {}

    /** The topic a source system publishes to; {@link SourceSystem#UNKNOWN} has none. */
    public static String topicFor(SourceSystem system) {
        return switch (system) {
            case ORG -> ORG;
            case POLICY -> POLICY;
            case CLAIMS -> CLAIMS;
            case FINANCE -> FINANCE;
            case HR -> HR;
            case CRM -> CRM;
            case SERVICE -> SERVICE;
            case WORKFLOW -> WORKFLOW;
            case TASKS -> TASKS;
            case IT -> IT;
            case FEEDBACK -> FEEDBACK;
            case SELF_REPORT -> SELF_REPORT;
            case UNKNOWN -> throw new IllegalArgumentException("SourceSystem.UNKNOWN has no topic");
        };
    }

    /** The source system publishing to {@code topic}, if it is an event topic. */
    public static Optional<SourceSystem> systemOf(String topic) {
        for (SourceSystem system : SourceSystem.values()) {
            if (system != SourceSystem.UNKNOWN && topicFor(system).equals(topic)) {
                return Optional.of(system);
            }
        }
        return Optional.empty();
    }

    /** All event topics, one per source system, in {@link SourceSystem} order. */
    public static List<String> eventTopics() {
        return EVENT_TOPICS;
    }
}
