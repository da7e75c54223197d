package io.kpipulse.events.validation;

import io.kpipulse.events.feedback.ManagerRated;
import io.kpipulse.events.finance.BudgetLineSpent;
import io.kpipulse.events.hr.RequisitionOpened;
import io.kpipulse.events.hr.TrainingAssessed;
import io.kpipulse.events.tasks.TaskCompleted;
import io.kpipulse.events.workflow.NodeExecuted;
import java.math.BigDecimal;
import java.util.Optional;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Rejects events whose values cannot be true, before they reach any indicator. A rejected event goes
 * to the dead letters with the reason returned here; it is never silently corrected.
 *
 * <p>Rules: money is never negative (every decimal field of every event, except a budget line's amount,
 * where a negative amount books a correction); a manager rating and a
 * training score lie in 0..100; task quantities and error counts are not negative; a requisition asks
 * for at least one person; a workflow node does not end before it starts.
 */
public final class EventValidator {

    private EventValidator() {}

    /** Why the event is impossible, or empty when it is plausible. */
    public static Optional<String> impossibility(SpecificRecord event) {
        Optional<String> money = negativeMoney(event);
        if (money.isPresent()) {
            return money;
        }
        if (event instanceof ManagerRated r && outside(r.getRating(), 0, 100)) {
            return Optional.of("rating " + r.getRating() + " outside 0..100");
        }
        if (event instanceof TrainingAssessed t && outside(t.getScore(), 0, 100)) {
            return Optional.of("training score " + t.getScore() + " outside 0..100");
        }
        if (event instanceof TaskCompleted t && (t.getQuantityDone() < 0 || t.getErrorsFound() < 0)) {
            return Optional.of("negative task quantity " + t.getQuantityDone() + " or errors " + t.getErrorsFound());
        }
        if (event instanceof RequisitionOpened r && r.getHeadcount() <= 0) {
            return Optional.of("requisition headcount " + r.getHeadcount() + " is not positive");
        }
        if (event instanceof NodeExecuted n && n.getEndTime().isBefore(n.getStartTime())) {
            return Optional.of("workflow node ends at " + n.getEndTime() + " before it starts at " + n.getStartTime());
        }
        return Optional.empty();
    }

    private static boolean outside(double value, double min, double max) {
        return Double.isNaN(value) || value < min || value > max;
    }

    private static Optional<String> negativeMoney(SpecificRecord event) {
        if (event instanceof BudgetLineSpent) {
            return Optional.empty();
        }
        Schema schema = event.getSchema();
        for (Schema.Field field : schema.getFields()) {
            if (isDecimal(field.schema())) {
                Object value = event.get(field.pos());
                if (value instanceof BigDecimal amount && amount.signum() < 0) {
                    return Optional.of(field.name() + " is negative: " + amount.toPlainString());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isDecimal(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().anyMatch(EventValidator::isDecimal);
        }
        return schema.getLogicalType() instanceof LogicalTypes.Decimal;
    }
}
