package io.kpipulse.indicators;

import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.IndicatorDefinition;
import org.apache.flink.util.Collector;

/**
 * Keyed by interval key (tenant, indicator, incident): decides each interval's bounds with
 * {@link IntervalBounds} and sends them on regrouped by affected department, for {@link DuringJoiner}.
 */
public class IntervalRouter extends IntervalJoinStep<Partial> {

    private static final long serialVersionUID = 1L;

    public IntervalRouter(CatalogUpdate initialCatalog, long retainMillis) {
        super(initialCatalog, retainMillis);
    }

    @Override
    boolean add(IntervalState s, Partial side) {
        IntervalBounds.add(s, side);
        return false; // the router recomputes the key's intervals whenever a side is decided
    }

    @Override
    long decide(
            IntervalState s,
            boolean reconsider,
            long watermark,
            IndicatorDefinition definition,
            Aggregation.During during,
            ReadOnlyContext ctx,
            Collector<Partial> out) {
        return IntervalBounds.onWatermark(s, watermark, during.maxOpen().toMillis(), retainMillis, out::collect);
    }
}
