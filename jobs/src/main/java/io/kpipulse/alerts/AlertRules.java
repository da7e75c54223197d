package io.kpipulse.alerts;

import io.kpipulse.alerts.rules.AlertRule;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** The rules in force as broadcast state, keyed by their control key. */
public final class AlertRules {

    public static final MapStateDescriptor<String, AlertRule> STATE =
            new MapStateDescriptor<>("alert-rules", Types.STRING, TypeInformation.of(AlertRule.class));

    private AlertRules() {}

    public static void apply(BroadcastState<String, AlertRule> state, AlertRuleUpdate update) throws Exception {
        if (update.deleted()) {
            state.remove(update.controlKey());
        } else {
            state.put(update.controlKey(), update.rule());
        }
    }
}
