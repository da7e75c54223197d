package io.kpipulse.read.values;

import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.TargetResolver;
import io.kpipulse.catalog.TargetRule;
import io.kpipulse.catalog.ValueRule;
import java.math.BigDecimal;

/**
 * A rolling instance's value from its summed day parts, as the engine would have computed it: the value by
 * {@link ValueRule}, the target of the rule in force on the instance's first day for the subject's
 * department path ({@link TargetResolver}), the attainment by {@link ValueRule}, and a version made like
 * the engine's (items folded in, then the catalog version), so it grows with every item of the instance.
 */
final class RollingAssembly {

    private RollingAssembly() {}

    static IndicatorValue value(IndicatorDefinition d, SubjectType subjectType, AssembledParts p) {
        BigDecimal value =
                ValueRule.value(d.aggregation(), p.numerator(), p.denominator(), p.min(), p.max(), d.scale());
        BigDecimal target = TargetResolver.resolve(d.targets(), p.instance(), subjectType, p.departmentPath())
                .map(TargetRule::target)
                .orElse(null);
        return new IndicatorValue(
                p.indicatorId(),
                p.instance().type(),
                subjectType,
                p.subjectId(),
                p.instance().start(),
                p.instance().end(),
                value,
                p.numerator(),
                p.denominator(),
                target,
                ValueRule.attainment(d.direction(), value, target),
                p.eventCount(),
                p.lastEventTime(),
                p.catalogVersion(),
                ValueRule.version(p.parts(), p.catalogVersion()));
    }
}
