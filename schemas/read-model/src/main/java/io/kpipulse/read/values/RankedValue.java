package io.kpipulse.read.values;

/**
 * One subject's place in a ranking: equal values share a rank (1, 2, 2, 4); a subject without a defined
 * value has none ({@code rank} null) and comes last.
 */
public record RankedValue(Integer rank, InstanceValue value) {}
