package io.kpipulse.alerts;

import io.kpipulse.org.OrgChange;
import java.io.Serializable;

/** The broadcast input of the alert operators: org-directory changes (for subtrees) and rule changes. */
public record AlertControl(OrgChange orgChange, AlertRuleUpdate ruleUpdate) implements Serializable {

    public static AlertControl of(OrgChange change) {
        return new AlertControl(change, null);
    }

    public static AlertControl of(AlertRuleUpdate update) {
        return new AlertControl(null, update);
    }
}
