package io.kpipulse.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TemplateLibraryTest {

    private final IndicatorCatalog library = CatalogYaml.templateLibrary();

    @Test
    void everyTemplateResolvesAgainstTheEventContracts() {
        assertEquals(List.of(), CatalogValidator.problems(library));
    }

    @Test
    void everyTemplateSaysWhatItMeansInBothLanguages() {
        for (IndicatorDefinition d : library.indicators()) {
            assertEquals(Set.of("en", "zh-CN"), d.descriptions().keySet(), d.id());
            assertTrue(d.descriptions().values().stream().noneMatch(String::isBlank), d.id());
        }
    }

    @Test
    void coversTheSeedDocumentsIndicators() {
        Set<String> ids =
                library.indicators().stream().map(IndicatorDefinition::id).collect(Collectors.toSet());
        for (String required : List.of(
                "new_policy_premium",
                "policies_issued",
                "claim_cycle_time_within_2d",
                "claim_payment_time_within_1d",
                "reimbursement_within_1wd",
                "reimbursement_error_rate",
                "time_to_fill",
                "onboarding_rate",
                "training_completion_rate",
                "training_pass_rate",
                "new_hire_retention_3m",
                "new_hire_sales_3m",
                "incident_count",
                "incident_downtime",
                "sales_during_incidents",
                "lead_conversion_rate",
                "customer_records_completed",
                "ticket_first_response_avg",
                "ticket_resolution_rate",
                "support_satisfaction_score",
                "workflow_on_time_rate",
                "task_quantity",
                "task_timeliness",
                "task_error_rate")) {
            assertTrue(ids.contains(required), "template library lacks " + required);
        }
    }

    @Test
    void everyAggregationKindIsExercisedByTheLibrary() {
        Set<Class<?>> kinds = library.indicators().stream()
                .map(d -> d.aggregation().getClass())
                .collect(Collectors.toSet());
        for (Class<?> kind : Aggregation.class.getPermittedSubclasses()) {
            assertTrue(kinds.contains(kind), "no template uses " + kind.getSimpleName());
        }
        Set<Aggregation.DurationStatistic> stats = library.indicators().stream()
                .map(IndicatorDefinition::aggregation)
                .filter(a -> a instanceof Aggregation.PairedDuration)
                .map(a -> ((Aggregation.PairedDuration) a).statistic())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Aggregation.DurationStatistic.class)));
        assertEquals(EnumSet.allOf(Aggregation.DurationStatistic.class), stats);
    }

    @Test
    void linkedIndicatorsCreditTheServedBusinessDepartment() {
        IndicatorDefinition payment =
                library.find("claim_payment_time_within_1d").orElseThrow();
        Aggregation.PairedDuration d = (Aggregation.PairedDuration) payment.aggregation();
        assertEquals("claims.ClaimApproved", d.start().eventType());
        assertEquals("finance.ClaimPaymentExecuted", d.end().eventType());
        assertEquals(Aggregation.Side.START, d.servedBy());
        assertTrue(payment.subjects().contains(SubjectType.SERVED_DEPARTMENT));

        IndicatorDefinition incidents = library.find("sales_during_incidents").orElseThrow();
        Aggregation.During during = (Aggregation.During) incidents.aggregation();
        assertEquals("it.IncidentOpened", during.open().eventType());
        assertEquals("policy.PolicyIssued", during.measure().source().eventType());
        assertEquals(EnumSet.allOf(SubjectType.class), incidents.subjects());
    }
}
