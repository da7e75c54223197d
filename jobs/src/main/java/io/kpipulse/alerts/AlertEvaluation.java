package io.kpipulse.alerts;

import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.ingest.ControlUpdate;
import io.kpipulse.org.OrgDirectory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Wires alert evaluation onto the engine's rows: rows → {@link AlertRouter} (rules and org directory
 * broadcast) → keyed by alert → {@link AlertEvaluator} → transitions. Evaluated on every row the engine
 * emits, never by polling.
 */
public final class AlertEvaluation {

    private AlertEvaluation() {}

    /**
     * @param rows        the engine's changed values
     * @param orgChanges  the org-directory changes the engine's admission reads (for subtrees)
     * @param ruleUpdates rule changes from the control topic
     * @param history     what was published before this start (see {@link AlertEvaluator})
     */
    public static DataStream<AlertTransition> wire(
            DataStream<IndicatorRow> rows,
            DataStream<ControlUpdate> orgChanges,
            DataStream<AlertRuleUpdate> ruleUpdates,
            AlertHistory history) {
        DataStream<AlertControl> control = orgChanges
                .filter(c -> c.orgChange() != null)
                .name("alert-org-changes")
                .map(c -> AlertControl.of(c.orgChange()))
                .returns(TypeInformation.of(AlertControl.class))
                .union(ruleUpdates.map(AlertControl::of).returns(TypeInformation.of(AlertControl.class)));
        BroadcastStream<AlertControl> broadcast = control.broadcast(OrgDirectory.STATE, AlertRules.STATE);
        return rows.connect(broadcast)
                .process(new AlertRouter())
                .returns(TypeInformation.of(RuleInput.class))
                .name("alert-router")
                .uid("alert-router")
                .keyBy(RuleInput::key)
                .connect(broadcast)
                .process(new AlertEvaluator(history))
                .returns(TypeInformation.of(AlertTransition.class))
                .name("alert-evaluator")
                .uid("alert-evaluator");
    }
}
