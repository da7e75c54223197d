package io.kpipulse.testing;

import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** Keyed state left in a harness's operator; the keyed broadcast harness does not expose it itself. */
public final class HarnessState {

    private HarnessState() {}

    public static int keyedEntries(AbstractStreamOperatorTestHarness<?> harness) {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }
}
