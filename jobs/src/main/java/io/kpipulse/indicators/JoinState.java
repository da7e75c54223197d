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
    /**
     * A decided key is kept only to ignore later sides, for as long as max pairing (a year and more): it keeps
     * its tenant, indicator and newest side time here and drops the sides themselves. (State from before this
     * was added keeps its sides; the accessors read either.)
     */
    public String decidedTenantId;

    public String decidedIndicatorId;
    public long decidedNewestSideMillis;

    public JoinState() {}

    /** Marks the key decided and keeps only what ignoring its later sides needs. */
    void keepOnlyDecided() {
        Partial any = anySide();
        decidedTenantId = any.tenantId();
        decidedIndicatorId = any.indicatorId();
        decidedNewestSideMillis = newestSide();
        done = true;
        first = null;
        second = null;
        pending = new ArrayList<>();
    }

    String tenant() {
        Partial any = anySide();
        return any == null ? decidedTenantId : any.tenantId();
    }

    /** The key's indicator; null for a state with no side (never stored). */
    String indicator() {
        Partial any = anySide();
        return any == null ? decidedIndicatorId : any.indicatorId();
    }

    /** The time of the newest side: a key left alone longer than the pairing horizon after it is dropped. */
    long newestSide() {
        if (anySide() == null) {
            return decidedIndicatorId == null ? Long.MIN_VALUE : decidedNewestSideMillis;
        }
        long newest = Long.MIN_VALUE;
        if (first != null) {
            newest = Math.max(newest, first.timeMillis());
        }
        if (second != null) {
            newest = Math.max(newest, second.timeMillis());
        }
        for (Partial p : pending) {
            newest = Math.max(newest, p.timeMillis());
        }
        return newest;
    }

    private Partial anySide() {
        return first != null ? first : second != null ? second : pending.isEmpty() ? null : pending.get(0);
    }
}
