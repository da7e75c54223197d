package io.kpipulse.indicators;

import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of one correlated item (tenant, indicator, correlation key): the sides seen so far.
 * A mutable POJO so Flink's serializer can evolve it.
 */
public class JoinState {
    /** Earliest start / anchor seen. */
    public Partial first;
    /** Earliest end seen (durations). */
    public Partial second;
    /** Exits (retention) or follow events (follow-up) waiting for the watermark. */
    public List<Partial> pending = new ArrayList<>();
    /** The item was emitted; later sides of the same key are ignored. */
    public boolean done;

    public JoinState() {}
}
