package io.kpipulse.read.calendars;

import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import io.kpipulse.tenants.CalendarVersion;
import io.kpipulse.tenants.CalendarVersionJson;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The one owner of {@code calendar_versions} (V023): the API stores and lists versions here, and a snapshot's
 * verification replays the published ones from here. The control topic is what the engine runs; this table
 * records which versions the broker acknowledged, so a version the engine never received is shown as such and
 * never replayed.
 */
public final class CalendarVersionStore {

    private final Connections connections;

    public CalendarVersionStore(Connections connections) {
        this.connections = connections;
    }

    /** Stores {@code version}; {@code published} once the control topic acknowledged it. The newest row wins. */
    public void save(CalendarVersion version, boolean published, long nowMillis) {
        insert(version, published, nowMillis, "");
    }

    /**
     * Stores {@code version} unpublished unless its number is already taken for its tenant and year; true when
     * the number is this version's. Two processes that computed the same next number race here: the insert
     * carries a deduplication token of tenant, year and number (V026), ClickHouse keeps the first one and drops
     * the others, and each reads back whose content holds the number.
     */
    public boolean claim(CalendarVersion version, long nowMillis) {
        insert(version, false, nowMillis, "SETTINGS insert_deduplication_token = '" + claimToken(version) + "' ");
        List<String> holder = Sql.query(
                connections,
                "SELECT version_json FROM calendar_versions FINAL WHERE tenant_id = ? AND year = ? AND version = ?",
                List.of(version.tenantId(), version.year(), version.version()),
                rs -> rs.getString(1));
        return holder.equals(List.of(CalendarVersionJson.write(version)));
    }

    /** Only hex digits and numbers: nothing from a request reaches the SQL text unencoded. */
    private static String claimToken(CalendarVersion version) {
        return "calendar-" + HexFormat.of().formatHex(version.tenantId().getBytes(StandardCharsets.UTF_8)) + "-"
                + version.year() + "-" + version.version();
    }

    private void insert(CalendarVersion version, boolean published, long nowMillis, String settings) {
        Sql.execute(
                connections,
                "INSERT INTO calendar_versions (tenant_id, year, version, version_json, published, updated_at) "
                        + settings + "VALUES (?, ?, ?, ?, ?, fromUnixTimestamp64Milli(toInt64(?), 'UTC'))",
                List.of(
                        version.tenantId(),
                        version.year(),
                        version.version(),
                        CalendarVersionJson.write(version),
                        published ? 1 : 0,
                        nowMillis));
    }

    /** The tenant's versions of {@code year}, oldest first, each in its newest state. */
    public List<Stored> versions(String tenantId, int year) {
        return Sql.query(
                connections,
                "SELECT version_json, published FROM calendar_versions FINAL WHERE tenant_id = ? AND year = ?"
                        + " ORDER BY version",
                List.of(tenantId, year),
                rs -> new Stored(CalendarVersionJson.read(rs.getString(1)), rs.getInt(2) == 1));
    }

    /**
     * Every version of the tenant the broker acknowledged, of every year, in publishing order: what the engine
     * ran. A replay needs all of them, since a working-day duration is measured with the version in force at
     * its completing event; versions published after a period take effect after it and change none of its
     * figures.
     */
    public List<CalendarVersion> published(String tenantId) {
        return Sql.query(
                connections,
                "SELECT version_json FROM calendar_versions FINAL WHERE tenant_id = ? AND published = 1"
                        + " ORDER BY year, version",
                List.of(tenantId),
                rs -> CalendarVersionJson.read(rs.getString(1)));
    }

    /** A stored version, and whether the control topic acknowledged it (the engine runs only those). */
    public record Stored(CalendarVersion version, boolean published) {}
}
