/**
 * A deterministic insurance-company simulator with ground truth, for tests, benchmarks and the live demo.
 *
 * <h2>Pipeline</h2>
 * <ol>
 *   <li>{@link io.kpipulse.simulator.company.CompanyGenerator} builds each tenant's company: root (executive
 *       office) → two life-sales divisions, a P&amp;C claims division, a shared-services division and two product
 *       departments → sales teams (most employees), claims teams and the support departments finance, HR, IT,
 *       administration, customer service and operations. Support links: finance → claims teams, HR, IT and
 *       customer service → sales teams. Ids {@code d-001}, {@code e-00001}.</li>
 *   <li>{@link io.kpipulse.simulator.activity.ActivityModel} runs one generator per domain (org changes, hiring,
 *       training, sales and CRM, claims and claim payments, reimbursements and budgets, service tickets, workflow,
 *       tasks, IT incidents, feedback) over the period; every event type of
 *       {@link io.kpipulse.events.EventTypes} occurs in a default month.</li>
 *   <li>{@link io.kpipulse.simulator.Simulation} sorts the events by event time (generation order breaks
 *       ties); {@link io.kpipulse.simulator.faults.FaultInjector} then applies at most one tagged fault per
 *       event.</li>
 *   <li>{@link io.kpipulse.simulator.sink.RecordPublisher} sends the records, paced, to a
 *       {@link io.kpipulse.simulator.sink.KafkaEventSink} or an {@link io.kpipulse.simulator.sink.InMemorySink}.</li>
 *   <li>{@link io.kpipulse.simulator.truth.GroundTruth} computes the expected indicator values from the accepted
 *       events only, independently of the engine, following {@code catalog/README.md}.</li>
 * </ol>
 *
 * <h2>Header conventions</h2>
 * {@code header.employeeId} is the employee whose work the event records (issuing agent, claim handler /
 * assessor / approver, finance executor or processor, recruiter, trainee, lead or customer owner, ticket
 * assignee / responder / resolver, workflow node handler or process initiator, task assignee, incident owner,
 * the rated employee, the reporting employee, the employee of org events, the agent for commissions, the
 * claimant for reimbursement submissions); null for anonymous surveys, budget lines and department events.
 * {@code header.departmentId} is that employee's department at the event's time, otherwise the department
 * concerned (rated department, budget's department, the department created / renamed / reparented, the
 * support department of a support link). {@code eventId} is a UUID drawn from the seeded stream,
 * {@code schemaVersion} the newest released version of the type.
 *
 * <h2>Determinism</h2>
 * One {@link io.kpipulse.simulator.SimRandom} seeded from the configuration, split in a fixed order per tenant
 * and per generator; lists and tree maps only; no wall clock. Same seed and settings → byte-identical records
 * and an identical {@code ground-truth.csv}.
 */
package io.kpipulse.simulator;
