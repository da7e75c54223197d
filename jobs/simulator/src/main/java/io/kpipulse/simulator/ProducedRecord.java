package io.kpipulse.simulator;

import io.kpipulse.simulator.faults.FaultKind;

/**
 * One Kafka record as the simulator produces it, tagged with the fault applied to it.
 *
 * @param eventTime the event time of the event behind it (of the replaced event for malformed bytes)
 */
public record ProducedRecord(String topic, byte[] key, byte[] value, long eventTime, FaultKind fault) {}
