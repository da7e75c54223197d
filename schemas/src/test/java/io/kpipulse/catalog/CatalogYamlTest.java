package io.kpipulse.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogYamlTest {

    private static final String ONE = """
            version: 7
            indicators:
              - id: ticket_fast
                names: {en: Fast tickets, zh-CN: 快速工单}
                owner: SUPPORT
                perspective: CUSTOMER
                direction: HIGHER_IS_BETTER
                scale: 4
                windows: [DAY, ROLLING_7D]
                subjects: [EMPLOYEE]
                aggregation:
                  type: duration
                  start: {event: service.TicketOpened, key: ticketId, where: ["priority in [HIGH, URGENT]"]}
                  end: {event: service.TicketFirstResponse, key: ticketId}
                  statistic: SHARE_WITHIN
                  limit: 10m
                targets:
                  - {from: 2026-01-01, target: 0.9}
                  - {from: 2026-06-01, to: 2026-09-30, department: d-claims, target: 0.8, weight: 0.5}
            """;

    @Test
    void readsEveryPartOfADefinition() {
        IndicatorCatalog catalog = CatalogYaml.parse(ONE);
        assertEquals(7, catalog.version());
        IndicatorDefinition d = catalog.find("ticket_fast").orElseThrow();
        Aggregation.PairedDuration agg = (Aggregation.PairedDuration) d.aggregation();
        assertEquals(Duration.ofMinutes(10), agg.limit());
        assertEquals(
                new Condition("priority", ConditionOperator.IN, List.of("HIGH", "URGENT")),
                agg.start().where().conditions().get(0));
        assertEquals(LocalDate.of(2026, 9, 30), d.targets().get(1).effectiveTo());
        assertEquals(new BigDecimal("0.5"), d.targets().get(1).weight());
        assertEquals(BigDecimal.ONE, d.targets().get(0).weight());
    }

    @Test
    void aDescriptionIsOneEnglishTextOrOnePerLanguage() {
        IndicatorDefinition none = CatalogYaml.parse(ONE).find("ticket_fast").orElseThrow();
        assertEquals("", none.description());
        assertEquals(Map.of(), none.descriptions());

        String english = ONE.replace("    owner: SUPPORT", "    description: Answered fast.\n    owner: SUPPORT");
        IndicatorDefinition one = CatalogYaml.parse(english).find("ticket_fast").orElseThrow();
        assertEquals(Map.of("en", "Answered fast."), one.descriptions());

        String both = ONE.replace(
                "    owner: SUPPORT", "    description: {en: Answered fast., zh-CN: 快速响应。}\n    owner: SUPPORT");
        IndicatorDefinition two = CatalogYaml.parse(both).find("ticket_fast").orElseThrow();
        assertEquals("Answered fast.", two.description());
        assertEquals("快速响应。", two.descriptions().get("zh-CN"));

        assertFormatError(
                ONE.replace("    owner: SUPPORT", "    description: {zh-CN: 快速响应。}\n    owner: SUPPORT"),
                "indicator ticket_fast has descriptions but none in en");
    }

    @Test
    void errorsNameTheIndicatorAndTheField() {
        CatalogFormatException e = assertThrows(
                CatalogFormatException.class,
                () -> CatalogYaml.parse(ONE.replace("statistic: SHARE_WITHIN", "statistic: MODE")));
        assertTrue(e.getMessage().contains("indicator ticket_fast.aggregation.statistic"), e.getMessage());
        e = assertThrows(CatalogFormatException.class, () -> CatalogYaml.parse(ONE.replace("limit: 10m", "")));
        assertTrue(e.getMessage().contains("share_within needs a limit"), e.getMessage());
    }

    @Test
    void validatorRejectsUnknownFieldsAndEnumSymbols() {
        IndicatorCatalog bad = CatalogYaml.parse(ONE.replace("HIGH, URGENT", "HIGH, SEVERE")
                .replace("key: ticketId}\n      statistic", "key: ticketNo}\n      statistic"));
        List<String> problems = CatalogValidator.problems(bad);
        assertTrue(problems.stream().anyMatch(p -> p.contains("SEVERE is not a symbol")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("no key field ticketNo")), problems.toString());
    }

    private static final String DURING = """
            version: 3
            indicators:
              - id: sales_during_incidents
                names: {en: Sales during incidents, zh-CN: 故障期间业绩}
                owner: SUPPORT
                perspective: FINANCIAL
                direction: LOWER_IS_BETTER
                windows: [MONTH_TO_DATE]
                subjects: [EMPLOYEE, DEPARTMENT, SERVED_DEPARTMENT]
                aggregation:
                  type: during
                  open: {event: it.IncidentOpened, key: incidentId, employee: ownerId}
                  close: {event: it.IncidentResolved, key: incidentId}
                  affected: affectedDepartmentIds
                  measure: {type: count, event: policy.PolicyIssued, where: ["firstYear == true"]}
                  maxOpen: 3d
            """;

    @Test
    void readsAnIntervalJoin() {
        IndicatorCatalog catalog = CatalogYaml.parse(DURING);
        Aggregation.During during = (Aggregation.During)
                catalog.find("sales_during_incidents").orElseThrow().aggregation();
        assertEquals("incidentId", during.open().keyField());
        assertEquals("ownerId", during.open().employeeField());
        assertEquals("affectedDepartmentIds", during.affectedField());
        assertEquals(Aggregation.MeasureKind.COUNT, during.measure().kind());
        assertEquals(Duration.ofDays(3), during.maxOpen());
        assertEquals(List.of(), CatalogValidator.problems(catalog));
    }

    @Test
    void intervalJoinErrorsNameTheIndicatorAndTheField() {
        assertFormatError(
                DURING.replace("      maxOpen: 3d\n", ""),
                "indicator sales_during_incidents.aggregation.maxOpen is required");
        assertFormatError(
                DURING.replace("maxOpen: 3d", "maxOpen: 3 weeks"),
                "indicator sales_during_incidents.aggregation.maxOpen");
        assertFormatError(DURING.replace("maxOpen: 3d", "maxOpen: 0s"), "maxOpen must be positive");
        assertFormatError(
                DURING.replace(
                        "close: {event: it.IncidentResolved, key: incidentId}", "close: {event: it.IncidentResolved}"),
                "open and close need a key");
        assertFormatError(
                DURING.replace(
                        "type: count, event: policy.PolicyIssued",
                        "type: average, event: policy.PolicyIssued, value: premium"),
                "measure must be a count or a sum");
        assertFormatError(
                DURING.replace(
                        "close: {event: it.IncidentResolved, key: incidentId}",
                        "close: {event: it.IncidentResolved, key: incidentId, time: resolvedAt}"),
                "at its event time");
        assertFormatError(
                DURING.replace("event: policy.PolicyIssued", "event: policy.PolicyIssued, key: policyId"),
                "matched by its department");
    }

    @Test
    void validatorChecksTheAffectedDepartmentsField() {
        List<String> problems = CatalogValidator.problems(
                CatalogYaml.parse(DURING.replace("affected: affectedDepartmentIds", "affected: severity")));
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("affected departments field severity")),
                problems.toString());
        problems = CatalogValidator.problems(
                CatalogYaml.parse(DURING.replace("affected: affectedDepartmentIds", "affected: affectedTeams")));
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("no affected departments field affectedTeams")),
                problems.toString());
        // a single department id is as good as a list
        assertEquals(
                List.of(),
                CatalogValidator.problems(CatalogYaml.parse(
                        DURING.replace("affected: affectedDepartmentIds", "affected: affectedSystem"))));
    }

    private static void assertFormatError(String yaml, String expected) {
        CatalogFormatException e = assertThrows(CatalogFormatException.class, () -> CatalogYaml.parse(yaml));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void parsesConditionShorthand() {
        assertEquals(
                new Condition("firstYear", ConditionOperator.EQ, List.of(true)),
                ConditionParser.parse("firstYear == true"));
        assertEquals(
                new Condition("errorsFound", ConditionOperator.GT, List.of(new BigDecimal("0"))),
                ConditionParser.parse("errorsFound > 0"));
        assertEquals(
                new Condition("reason", ConditionOperator.IS_NULL, List.of()), ConditionParser.parse("reason is null"));
        assertThrows(CatalogFormatException.class, () -> ConditionParser.parse("firstYear = true"));
    }
}
