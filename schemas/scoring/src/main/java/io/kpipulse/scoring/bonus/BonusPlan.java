package io.kpipulse.scoring.bonus;

import io.kpipulse.scoring.rules.DefinitionException;
import java.util.List;

/**
 * The bonus rules of a department's subtree (the nearest department with a plan wins for an employee).
 * Applied in a documented order: tiers first, then conditions, then shares, each group in the order listed.
 * Because every multiplier is exact and pay is rounded only once at the end, the order explains the sheet
 * line by line but never changes the amount.
 */
public record BonusPlan(String departmentId, List<BonusComponent> components) {

    public BonusPlan {
        components = components == null ? List.of() : List.copyOf(components);
    }

    public void validate() {
        if (departmentId == null || departmentId.isBlank()) {
            throw new DefinitionException("departmentId", "is required");
        }
        if (components.size() > 50) {
            throw new DefinitionException("components", "at most 50 components");
        }
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i) == null) {
                throw new DefinitionException("components[" + i + "]", "is required");
            }
            components.get(i).validate("components[" + i + "]");
        }
    }

    /** The components in the order they are applied: tiers, conditions, shares. */
    public List<BonusComponent> inApplicationOrder() {
        return java.util.stream.Stream.of(
                        BonusComponent.Tiers.class, BonusComponent.Condition.class, BonusComponent.Share.class)
                .flatMap(type -> components.stream().filter(type::isInstance))
                .toList();
    }
}
