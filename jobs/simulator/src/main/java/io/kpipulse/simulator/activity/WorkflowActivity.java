package io.kpipulse.simulator.activity;

import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.events.workflow.NodeExecuted;
import io.kpipulse.events.workflow.NodeResult;
import io.kpipulse.events.workflow.ProcessFinished;
import io.kpipulse.events.workflow.ProcessOutcome;
import io.kpipulse.events.workflow.ProcessStarted;
import io.kpipulse.simulator.SimRandom;
import io.kpipulse.simulator.company.Employee;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * BPM processes started by any employee on working days: a manager-review node (≈3 h; 4% rejected, 3%
 * returned), then a back-office node in administration or operations (≈4 h), then the process finishes.
 * Each node records handler, start, end and review result.
 */
final class WorkflowActivity implements ActivityGenerator {

    private static final List<String> TYPES = List.of("expense_approval", "contract_review", "leave_request");

    @Override
    public void generate(TenantContext ctx, SimRandom random) {
        List<String> backOffice = ctx.company().employeesOf(DepartmentFunction.ADMIN).stream()
                .map(Employee::id)
                .toList();
        List<String> operations = ctx.company().employeesOf(DepartmentFunction.OPERATIONS).stream()
                .map(Employee::id)
                .toList();
        for (LocalDate day : ctx.days()) {
            if (!ctx.isWorkingDay(day)) {
                continue;
            }
            Map<String, List<String>> members = ctx.workforce().membersAt(ctx.millis(day, 0));
            for (List<String> people : members.values()) {
                for (String initiator : people) {
                    if (random.chance(0.03)) {
                        process(ctx, random, day, initiator, random.pick(random.chance(0.5) ? backOffice : operations));
                    }
                }
            }
        }
    }

    private void process(TenantContext ctx, SimRandom random, LocalDate day, String initiator, String backOffice) {
        Emitter out = ctx.out();
        String manager = ctx.workforce().employee(initiator).managerId();
        String reviewer = manager == null ? initiator : manager;
        String id = ctx.nextId("wf");
        String type = random.pick(TYPES);
        long started = ctx.timeOn(day, 9, 17, random);
        if (!out.emit(ProcessStarted.newBuilder()
                .setHeader(out.header(started, initiator))
                .setProcessInstanceId(id)
                .setProcessType(type)
                .setInitiatorId(initiator)
                .setDueTime(Instant.ofEpochMilli(started + TenantContext.hours(72)))
                .build())) {
            return;
        }
        long reviewed = started + TenantContext.hours(random.logNormal(3, 0.9));
        double u = random.uniform();
        NodeResult review = u < 0.04 ? NodeResult.REJECTED : u < 0.07 ? NodeResult.RETURNED : NodeResult.APPROVED;
        if (!out.emit(node(out, id, type, "n1", "Manager review", reviewer, started, reviewed, review))) {
            return;
        }
        long finished = reviewed;
        ProcessOutcome outcome = review == NodeResult.REJECTED ? ProcessOutcome.REJECTED : ProcessOutcome.WITHDRAWN;
        if (review == NodeResult.APPROVED) {
            long handled = reviewed + TenantContext.hours(random.logNormal(4, 0.9));
            if (!out.emit(node(
                    out,
                    id,
                    type,
                    "n2",
                    "Back-office processing",
                    backOffice,
                    reviewed,
                    handled,
                    NodeResult.COMPLETED))) {
                return;
            }
            finished = handled;
            outcome = ProcessOutcome.APPROVED;
        }
        long end = finished + 60_000;
        out.emit(ProcessFinished.newBuilder()
                .setHeader(out.header(end, initiator))
                .setProcessInstanceId(id)
                .setProcessType(type)
                .setOutcome(outcome)
                .build());
    }

    /** The node event happens when the handler finishes it: event time = endTime. */
    private static NodeExecuted node(
            Emitter out,
            String id,
            String type,
            String nodeId,
            String name,
            String handler,
            long start,
            long end,
            NodeResult result) {
        return NodeExecuted.newBuilder()
                .setHeader(out.header(end, handler))
                .setProcessInstanceId(id)
                .setProcessType(type)
                .setNodeId(nodeId)
                .setNodeName(name)
                .setHandlerId(handler)
                .setStartTime(Instant.ofEpochMilli(start))
                .setEndTime(Instant.ofEpochMilli(end))
                .setReviewResult(result)
                .setReviewComment(result == NodeResult.APPROVED ? null : "see attachment")
                .build();
    }
}
