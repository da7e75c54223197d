package io.kpipulse.ingest;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.indicators.CurrentCalendars;
import io.kpipulse.indicators.CurrentCatalog;
import io.kpipulse.indicators.SubjectItem;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.tenants.TenantCalendar;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/**
 * Admission in Flink's keyed broadcast harness, wired as the pipeline wires it (keyed by the record key, with the
 * org, catalog and calendar broadcast states), over the template library and {@code tenant}'s default calendar
 * (or the calendars given).
 * Not opened yet: a caller restores state or sets checkpoint storage first.
 */
public final class AdmissionHarnesses {

    private AdmissionHarnesses() {}

    public static KeyedBroadcastOperatorTestHarness<String, RawRecord, ControlUpdate, SubjectItem> admission(
            String tenant, long outOfOrdernessMillis, long allowedLatenessMillis, long dedupMarginMillis)
            throws Exception {
        return admission(
                Map.of(tenant, TenantCalendar.defaults()),
                outOfOrdernessMillis,
                allowedLatenessMillis,
                dedupMarginMillis);
    }

    /** As {@link #admission(String, long, long, long)}, for these tenants and their calendars. */
    public static KeyedBroadcastOperatorTestHarness<String, RawRecord, ControlUpdate, SubjectItem> admission(
            Map<String, TenantCalendar> tenants,
            long outOfOrdernessMillis,
            long allowedLatenessMillis,
            long dedupMarginMillis)
            throws Exception {
        EventAdmission admission = new EventAdmission(
                CatalogUpdate.of(CatalogYaml.templateLibraryText()),
                tenants,
                outOfOrdernessMillis,
                allowedLatenessMillis,
                dedupMarginMillis,
                "");
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        admission, List.of(OrgDirectory.STATE, CurrentCatalog.STATE, CurrentCalendars.STATE)),
                RawRecord::key,
                Types.STRING,
                1,
                1,
                0);
    }
}
