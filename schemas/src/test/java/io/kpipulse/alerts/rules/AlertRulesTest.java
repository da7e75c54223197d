package io.kpipulse.alerts.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.AlertTransitionJson;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private static final IndicatorCatalog CATALOG = CatalogYaml.parse(CatalogYaml.templateLibraryText());

    private static AlertRule cycleTime(AlertCondition c, WindowType window) {
        return new AlertRule(
                "t1",
                "cycle",
                3,
                "cycle time",
                "claim_cycle_time_avg",
                window,
                SubjectType.DEPARTMENT,
                "d-claims",
                c,
                Severity.CRITICAL,
                300_000,
                600_000,
                Grouping.SUBJECT,
                "u-head",
                true);
    }

    @Test
    void everySeedPresetIsAValidRuleOfTheTemplateLibrary() {
        assertEquals(7, AlertPresets.all().size());
        for (AlertPresets.Preset p : AlertPresets.all()) {
            AlertRule t = p.template();
            AlertRule rule = new AlertRule(
                    "t1",
                    p.id(),
                    1,
                    t.name(),
                    t.indicatorId(),
                    t.windowType(),
                    t.subjectType(),
                    "d-root",
                    t.condition(),
                    t.severity(),
                    0,
                    0,
                    t.grouping(),
                    "u-hr",
                    true);
            AlertRuleValidator.requireValid(rule, CATALOG);
        }
    }

    @Test
    void aRuleSurvivesItsJsonWireFormUnchanged() {
        AlertRule rule = cycleTime(AlertCondition.above("2").resolvingAt("1.8").forWindows(2), WindowType.DAY);
        assertEquals(rule, AlertRuleJson.parse(AlertRuleJson.write(rule)));
        AlertRule noData = cycleTime(AlertCondition.noData(1_800_000), WindowType.DAY);
        assertEquals(noData, AlertRuleJson.parse(AlertRuleJson.write(noData)));
    }

    @Test
    void requestBodiesAcceptShortDurationsAndDefaults() {
        AlertRule r = AlertRuleJson.read(
                AlertRuleJson.tree("{\"name\":\"n\",\"indicatorId\":\"claim_cycle_time_avg\",\"windowType\":\"day\","
                        + "\"subjectType\":\"DEPARTMENT\",\"departmentId\":\"d1\",\"pendingFor\":\"5m\","
                        + "\"condition\":{\"measure\":\"VALUE\",\"comparison\":\"ABOVE\",\"threshold\":2}}"),
                "t1",
                "r1",
                1,
                "u1");
        assertEquals(300_000, r.pendingMillis());
        assertEquals(Severity.WARNING, r.severity());
        assertEquals(Grouping.SUBJECT, r.grouping());
        assertEquals(0, new BigDecimal("2").compareTo(r.condition().threshold()));
        AlertRuleValidator.requireValid(r, CATALOG);
    }

    @Test
    void invalidRulesNameTheField() {
        assertField("windowType", cycleTime(AlertCondition.above("2"), WindowType.ROLLING_7D));
        assertField(
                "condition.resolveThreshold",
                cycleTime(AlertCondition.above("2").resolvingAt("2.5"), WindowType.DAY));
        assertField(
                "condition.threshold",
                cycleTime(AlertCondition.above("2").measuring(Measure.VALUE), WindowType.DAY)
                        .withCondition(new AlertCondition(Measure.VALUE, Comparison.ABOVE, null, false, null, 1, 0)));
        assertField("condition.noDataFor", cycleTime(AlertCondition.noData(0), WindowType.DAY));
        AlertRule unknown = new AlertRule(
                "t1",
                "x",
                1,
                "n",
                "no_such",
                WindowType.DAY,
                SubjectType.EMPLOYEE,
                "d",
                AlertCondition.above("1"),
                Severity.INFO,
                0,
                0,
                Grouping.SUBJECT,
                "u",
                true);
        assertField("indicatorId", unknown);
        assertEquals(
                "condition.measure",
                assertThrows(
                                AlertRuleException.class,
                                () -> AlertRuleJson.read(
                                        AlertRuleJson.tree("{\"condition\":{\"measure\":\"MEDIAN\"}}"),
                                        "t1",
                                        "r",
                                        1,
                                        "u"))
                        .field());
    }

    @Test
    void aTransitionSurvivesItsJsonWireFormWithEveryDigit() {
        AlertTransition t = new AlertTransition(
                "t1",
                "cycle",
                3,
                "d-claims",
                7,
                TransitionKind.FIRING,
                Severity.CRITICAL,
                "claim_cycle_time_avg",
                "DAY",
                LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 3, 2),
                "DEPARTMENT",
                "d-claims",
                List.of("d-claims", "d-root"),
                new BigDecimal("2.123456"),
                new BigDecimal("2.123456"),
                new BigDecimal("2"),
                new BigDecimal("2.0"),
                null,
                1,
                1_772_000_000_000L,
                1_772_000_000_100L);
        assertEquals(t, AlertTransitionJson.parse(AlertTransitionJson.write(t)));
        assertEquals("t1|cycle|d-claims|7", t.idempotencyKey());
    }

    private static void assertField(String field, AlertRule rule) {
        assertEquals(
                field,
                assertThrows(AlertRuleException.class, () -> AlertRuleValidator.requireValid(rule, CATALOG))
                        .field());
    }
}
