package io.kpipulse.indicators;

import io.kpipulse.tenants.CalendarVersion;
import io.kpipulse.tenants.TenantCalendar;
import io.kpipulse.tenants.TenantCalendars;
import java.io.Serializable;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants' calendars an operator instance decides working-day durations with: the tenants file's,
 * changed by every {@link CalendarVersion} held in broadcast state ({@link TenantCalendars}: the calendar in
 * force at an instant depends on the versions and the instant only). The broadcast state is checkpointed,
 * so a restored job holds every version it had; the book is rebuilt from it on first use after a start and
 * whenever a version arrives, never per record.
 */
public final class CurrentCalendars implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CurrentCalendars.class);

    /** Broadcast state: control key ({@code calendar/<tenant>/<year>/<version>}) → the version's JSON. */
    public static final MapStateDescriptor<String, String> STATE =
            new MapStateDescriptor<>("calendars", Types.STRING, Types.STRING);

    private final TenantCalendars files;
    private transient TenantCalendars book;

    public CurrentCalendars(Map<String, TenantCalendar> files) {
        this.files = TenantCalendars.of(files);
    }

    /** The tenant's calendar in force at {@code epochMillis}, or null for a tenant the file does not know. */
    public TenantCalendar at(ReadOnlyBroadcastState<String, String> state, String tenantId, long epochMillis)
            throws Exception {
        if (book == null) {
            TenantCalendars b = files;
            for (Map.Entry<String, String> held : state.immutableEntries()) {
                b = b.with(new CalendarUpdate(held.getValue()).parse());
            }
            book = b;
        }
        return book.at(tenantId, epochMillis);
    }

    /**
     * Keeps a valid version in broadcast state (the first copy of a key stands) and rebuilds the book on next
     * use. {@code watermark} is the operator's: a version whose effective instant it has passed came too late
     * to decide what was decided before it arrived; that is logged, since a replay holding it from the start
     * would decide those durations with it.
     */
    public void offer(BroadcastState<String, String> state, CalendarUpdate update, long watermark) throws Exception {
        CalendarVersion version;
        try {
            version = update.parse();
        } catch (RuntimeException e) {
            LOG.error("refusing a calendar version: {}", e.getMessage());
            return;
        }
        if (state.contains(version.controlKey())) {
            return;
        }
        if (version.effectiveFrom().toEpochMilli() <= watermark) {
            LOG.warn(
                    "calendar version {} arrived after the engine's watermark ({} ms) passed its effective instant",
                    version,
                    watermark);
        }
        state.put(version.controlKey(), update.json());
        book = null;
    }
}
