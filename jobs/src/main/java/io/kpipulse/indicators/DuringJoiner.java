package io.kpipulse.indicators;

import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.tenants.TenantCalendar;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.util.Collector;

/**
 * Keyed by affected department (tenant, indicator, department): joins the department's interval bounds
 * from {@link IntervalRouter} with its measured events through {@link DuringItems}, and addresses the
 * items to their subjects.
 */
public class DuringJoiner extends IntervalJoinStep<SubjectItem> {

    private static final long serialVersionUID = 1L;

    private final HashMap<String, TenantCalendar> tenants;

    public DuringJoiner(CatalogUpdate initialCatalog, Map<String, TenantCalendar> tenants, long retainMillis) {
        super(initialCatalog, retainMillis);
        this.tenants = new HashMap<>(tenants);
    }

    @Override
    boolean add(IntervalState s, Partial side) {
        return DuringItems.add(s, side);
    }

    @Override
    long decide(
            IntervalState s,
            boolean reconsider,
            long watermark,
            IndicatorDefinition definition,
            Aggregation.During during,
            ReadOnlyContext ctx,
            Collector<SubjectItem> out)
            throws Exception {
        TenantCalendar calendar = tenants.getOrDefault(s.anySide().tenantId(), TenantCalendar.defaults());
        String zone = calendar.zone().getId();
        OrgView org = OrgDirectory.view(ctx.getBroadcastState(OrgDirectory.STATE));
        return DuringItems.onWatermark(
                s,
                reconsider,
                watermark,
                definition.id(),
                during.maxOpen().toMillis(),
                retainMillis,
                calendar,
                org,
                item -> SubjectFanOut.fanOut(definition, item, zone, out::collect));
    }
}
