package io.kpipulse.clickhouse.local;

import java.util.Map;

/** A chDB connection lent to one HTTP request: a pooled one (no session) or a session's own. */
interface ConnectionLease extends AutoCloseable {
    ChdbConnection connection();

    /** Switches the session database if needed; an unknown database fails as ClickHouse's UNKNOWN_DATABASE. */
    void useDatabase(String database) throws ChdbException;

    /**
     * Settings passed as URL parameters: they apply to this request only, as on a ClickHouse server (a pooled
     * connection is replaced afterwards, a session's connection gets its previous values back).
     */
    void applyRequestSettings(Map<String, String> settings) throws ChdbException;

    /**
     * The request changed state that must not outlive it ({@code USE}/{@code SET}/a temporary table without a
     * session). A session keeps such state on purpose, so for a session lease this does nothing.
     */
    void requestChangedState();

    @Override
    void close();
}
