package io.kpipulse.sink;

/** A row of the test table: {@code id} is the key, {@code version} the ReplacingMergeTree version. */
public record TestRow(long id, String name, int amount, long version) {}
