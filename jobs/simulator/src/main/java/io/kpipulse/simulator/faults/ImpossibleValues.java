package io.kpipulse.simulator.faults;

import io.kpipulse.events.claims.ClaimApproved;
import io.kpipulse.events.claims.ClaimAssessed;
import io.kpipulse.events.claims.ClaimPaid;
import io.kpipulse.events.claims.ClaimReported;
import io.kpipulse.events.feedback.ManagerRated;
import io.kpipulse.events.finance.ClaimPaymentExecuted;
import io.kpipulse.events.finance.CommissionPaid;
import io.kpipulse.events.finance.ReimbursementPaid;
import io.kpipulse.events.finance.ReimbursementSubmitted;
import io.kpipulse.events.hr.RequisitionOpened;
import io.kpipulse.events.hr.TrainingAssessed;
import io.kpipulse.events.policy.PolicyIssued;
import io.kpipulse.events.policy.PolicyLapsed;
import io.kpipulse.events.policy.PolicySurrendered;
import io.kpipulse.events.tasks.TaskCompleted;
import io.kpipulse.events.workflow.NodeExecuted;
import io.kpipulse.simulator.SimRandom;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * The impossible values the engine rejects (reason IMPOSSIBLE_VALUE), and only those: negative money,
 * a manager rating or training score outside 0..100, negative task quantities or errors, a requisition
 * headcount ≤ 0, a workflow node ending before it starts. Each rule breaks one field of a copy of the event.
 * (BudgetLineSpent is left out: its contract allows negative amounts for corrections.)
 */
final class ImpossibleValues {

    private static final Map<Class<?>, BiConsumer<SpecificRecord, SimRandom>> RULES = Map.ofEntries(
            Map.entry(
                    PolicyIssued.class,
                    (r, x) -> ((PolicyIssued) r).setPremium(negative(((PolicyIssued) r).getPremium()))),
            Map.entry(
                    PolicyLapsed.class,
                    (r, x) -> ((PolicyLapsed) r).setPremiumLost(negative(((PolicyLapsed) r).getPremiumLost()))),
            Map.entry(
                    PolicySurrendered.class,
                    (r, x) -> ((PolicySurrendered) r)
                            .setSurrenderValue(negative(((PolicySurrendered) r).getSurrenderValue()))),
            Map.entry(
                    ClaimReported.class,
                    (r, x) -> ((ClaimReported) r).setClaimedAmount(negative(((ClaimReported) r).getClaimedAmount()))),
            Map.entry(
                    ClaimAssessed.class,
                    (r, x) -> ((ClaimAssessed) r).setAssessedAmount(negative(((ClaimAssessed) r).getAssessedAmount()))),
            Map.entry(
                    ClaimApproved.class,
                    (r, x) -> ((ClaimApproved) r).setApprovedAmount(negative(((ClaimApproved) r).getApprovedAmount()))),
            Map.entry(
                    ClaimPaid.class,
                    (r, x) -> ((ClaimPaid) r).setPaidAmount(negative(((ClaimPaid) r).getPaidAmount()))),
            Map.entry(
                    ClaimPaymentExecuted.class,
                    (r, x) -> ((ClaimPaymentExecuted) r).setAmount(negative(((ClaimPaymentExecuted) r).getAmount()))),
            Map.entry(
                    ReimbursementSubmitted.class,
                    (r, x) ->
                            ((ReimbursementSubmitted) r).setAmount(negative(((ReimbursementSubmitted) r).getAmount()))),
            Map.entry(
                    ReimbursementPaid.class,
                    (r, x) -> ((ReimbursementPaid) r).setAmount(negative(((ReimbursementPaid) r).getAmount()))),
            Map.entry(
                    CommissionPaid.class,
                    (r, x) -> ((CommissionPaid) r).setAmount(negative(((CommissionPaid) r).getAmount()))),
            Map.entry(
                    ManagerRated.class,
                    (r, x) ->
                            ((ManagerRated) r).setRating(x.chance(0.5) ? 100.5 + x.between(0, 50) : -x.between(1, 20))),
            Map.entry(
                    TrainingAssessed.class,
                    (r, x) -> ((TrainingAssessed) r)
                            .setScore(x.chance(0.5) ? 100.5 + x.between(0, 50) : -x.between(1, 20))),
            Map.entry(TaskCompleted.class, (r, x) -> {
                if (x.chance(0.5)) {
                    ((TaskCompleted) r).setQuantityDone(-x.between(1, 5));
                } else {
                    ((TaskCompleted) r).setErrorsFound(-x.between(1, 3));
                }
            }),
            Map.entry(RequisitionOpened.class, (r, x) -> ((RequisitionOpened) r).setHeadcount(-x.between(0, 2))),
            Map.entry(NodeExecuted.class, (r, x) -> {
                NodeExecuted n = (NodeExecuted) r;
                n.setStartTime(n.getEndTime().plusSeconds(60L * x.between(1, 120)));
            }));

    private ImpossibleValues() {}

    static boolean applies(SpecificRecord event) {
        return RULES.containsKey(event.getClass());
    }

    /** Breaks one field of {@code copy} in place. */
    static void breakValue(SpecificRecord copy, SimRandom random) {
        RULES.get(copy.getClass()).accept(copy, random);
    }

    private static BigDecimal negative(BigDecimal amount) {
        return amount.signum() == 0 ? new BigDecimal("-0.01") : amount.negate();
    }
}
