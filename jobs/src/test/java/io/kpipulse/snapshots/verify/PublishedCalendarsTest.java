package io.kpipulse.snapshots.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.indicators.CalendarUpdate;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.CalendarVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A snapshot's replay runs the calendar versions the engine ran: the tenant's published ones, every year. */
class PublishedCalendarsTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @Test
    void theTenantsPublishedVersionsOfEveryYearAreReplayedAndNoneThatTheBrokerNeverAcknowledged() throws Exception {
        ClickHouseConnector db = new ClickHouseConnector(
                CLICKHOUSE.jdbcUrl(), CLICKHOUSE.freshDatabase("published_calendars"), "default", "", true);
        db.migrator().migrate();
        CalendarVersion a2026 = version("t-a", 2026, 1, "2026-11-20");
        CalendarVersion a2027v1 = version("t-a", 2027, 1, "2027-02-08");
        CalendarVersion a2027v2 = version("t-a", 2027, 2, "2027-02-09");
        CalendarVersion other = version("t-b", 2026, 1, "2026-11-20");
        try (Connection c = db.open()) {
            store(c, a2027v2, false, 1); // stored before the broker answered, never published
            store(c, a2026, false, 1);
            store(c, a2026, true, 2); // stored again once acknowledged: the newer row wins under FINAL
            store(c, a2027v1, true, 3);
            store(c, other, true, 4);
        }
        List<CalendarUpdate> replayed = new PublishedCalendars(db::open).of("t-a");
        assertEquals(List.of(CalendarUpdate.of(a2026), CalendarUpdate.of(a2027v1)), replayed);
        assertEquals(a2027v1, replayed.get(1).parse());
    }

    private static CalendarVersion version(String tenant, int year, long version, String holiday) {
        Instant published = Instant.parse("2026-11-05T02:00:00Z");
        return new CalendarVersion(
                tenant,
                year,
                version,
                new TreeSet<>(List.of(LocalDate.parse(holiday))),
                new TreeSet<>(),
                tenant + "/hr",
                published,
                published.plusSeconds(60));
    }

    private static void store(Connection c, CalendarVersion v, boolean published, long updatedAtMillis)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO calendar_versions"
                + " (tenant_id, year, version, version_json, published, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, fromUnixTimestamp64Milli(toInt64(?), 'UTC'))")) {
            ps.setString(1, v.tenantId());
            ps.setInt(2, v.year());
            ps.setLong(3, v.version());
            ps.setString(4, CalendarUpdate.of(v).json());
            ps.setInt(5, published ? 1 : 0);
            ps.setLong(6, updatedAtMillis);
            ps.executeUpdate();
        }
    }
}
