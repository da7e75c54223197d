package io.kpipulse.read.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueStatusTest {

    /** The template library: new_policy_premium MONTH_TO_DATE per employee, warn 0.9 and critical 0.7. */
    static final IndicatorDefinition PREMIUM =
            CatalogYaml.templateLibrary().find("new_policy_premium").orElseThrow();

    @Test
    void belowCriticalIsCriticalBelowWarnIsWarnOtherwiseOk() {
        BigDecimal warn = new BigDecimal("0.9");
        BigDecimal critical = new BigDecimal("0.7");
        assertEquals(Optional.of(ValueStatus.CRITICAL), ValueStatus.of(new BigDecimal("0.6999"), warn, critical));
        assertEquals(Optional.of(ValueStatus.WARN), ValueStatus.of(new BigDecimal("0.7"), warn, critical));
        assertEquals(Optional.of(ValueStatus.WARN), ValueStatus.of(new BigDecimal("0.8999"), warn, critical));
        assertEquals(Optional.of(ValueStatus.OK), ValueStatus.of(new BigDecimal("0.9"), warn, critical));
        assertEquals(Optional.of(ValueStatus.OK), ValueStatus.of(new BigDecimal("1.3"), warn, null));
        assertEquals(Optional.empty(), ValueStatus.of(new BigDecimal("0.1"), null, null));
    }

    @Test
    void statusUsesTheLevelsOfTheRuleWhoseTargetTheEngineStored() {
        String target = targetInEffect(LocalDate.of(2026, 6, 1));
        IndicatorValue june = value(LocalDate.of(2026, 6, 1), target, "0.8");
        assertEquals(Optional.of(ValueStatus.WARN), ValueStatus.of(PREMIUM, june, List.of()));
    }

    @Test
    void noStatusWhenTheStoredTargetIsNotTheRulesOrThereIsNoAttainment() {
        assertEquals(
                Optional.empty(), ValueStatus.of(PREMIUM, value(LocalDate.of(2026, 6, 1), "123", "0.5"), List.of()));
        assertEquals(Optional.empty(), ValueStatus.of(PREMIUM, value(LocalDate.of(2026, 6, 1), null, null), List.of()));
    }

    private static String targetInEffect(LocalDate start) {
        return io.kpipulse.catalog.TargetResolver.resolve(
                        PREMIUM.targets(), WindowType.MONTH_TO_DATE.instanceFor(start), SubjectType.EMPLOYEE, List.of())
                .orElseThrow()
                .target()
                .toPlainString();
    }

    private static IndicatorValue value(LocalDate start, String target, String attainment) {
        var month = WindowType.MONTH_TO_DATE.instanceFor(start);
        return new IndicatorValue(
                PREMIUM.id(),
                WindowType.MONTH_TO_DATE,
                SubjectType.EMPLOYEE,
                "e-1",
                month.start(),
                month.end(),
                BigDecimal.TEN,
                null,
                null,
                target == null ? null : new BigDecimal(target),
                attainment == null ? null : new BigDecimal(attainment),
                1,
                Instant.EPOCH,
                2,
                1);
    }
}
