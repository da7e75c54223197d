package io.kpipulse.clickhouse.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * HTTP sessions ({@code session_id}), as a ClickHouse server keeps them: each session has a chDB connection of
 * its own, so its temporary tables, {@code USE} and {@code SET} outlive the request, until the session has been
 * idle for its {@code session_timeout} (default 60 s, at most 3600 s).
 *
 * <p>Like the server: a session serves one request at a time (a concurrent one fails with SESSION_IS_LOCKED),
 * except that a request arriving while the previous one is still being wound up (its answer already read by
 * the client, its settings being restored here) waits up to {@link #RELEASE_GRACE} for it instead of failing a
 * client that never overlapped its requests;
 * {@code session_check=1} requires the session to exist already (SESSION_NOT_FOUND), and settings passed as URL
 * parameters apply to their request only.
 */
final class Sessions implements AutoCloseable {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(3600);
    static final Duration RELEASE_GRACE = Duration.ofMillis(500);

    private final ChdbEngine engine;
    private final LongSupplier nanoClock;
    private final Map<String, Session> sessions = new HashMap<>();
    private boolean closed;

    Sessions(ChdbEngine engine, LongSupplier nanoClock) {
        this.engine = engine;
        this.nanoClock = nanoClock;
    }

    private static final class Session {
        final ChdbConnection connection;
        String database = "default";
        long timeoutNanos;
        long idleSince;
        boolean inUse;

        Session(ChdbConnection connection) {
            this.connection = connection;
        }
    }

    /**
     * Takes the session {@code id} for one request, creating it unless {@code check} is set.
     *
     * @param timeout the request's {@code session_timeout} parameter, or null
     */
    ConnectionLease take(String id, String timeout, boolean check) throws ChdbException {
        long timeoutNanos = parseTimeout(timeout);
        List<ChdbConnection> expired;
        Session session;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("server is shutting down");
            }
            expired = removeExpired();
            session = sessions.get(id);
            if (session == null) {
                if (check) {
                    closeAll(expired);
                    throw ChdbException.of(372, "SESSION_NOT_FOUND", "Session " + id + " not found (session_check=1)");
                }
                session = new Session(engine.connect());
                sessions.put(id, session);
            } else if (session.inUse && !awaitRelease(session)) {
                closeAll(expired);
                throw ChdbException.of(373, "SESSION_IS_LOCKED", "Session " + id + " is locked by a concurrent client");
            }
            session.inUse = true;
            session.timeoutNanos = timeoutNanos;
        }
        closeAll(expired);
        return new SessionLease(session);
    }

    /**
     * Waits on the monitor until the session is free, at most {@link #RELEASE_GRACE} of real time (the session
     * clock may be a test's); false if it is still taken or was dropped meanwhile.
     */
    private boolean awaitRelease(Session session) {
        long deadline = System.nanoTime() + RELEASE_GRACE.toNanos();
        try {
            while (session.inUse && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !closed && sessions.containsValue(session);
    }

    /** How many sessions are open (expired ones are dropped first). */
    int open() {
        List<ChdbConnection> expired;
        int n;
        synchronized (this) {
            expired = removeExpired();
            n = sessions.size();
        }
        closeAll(expired);
        return n;
    }

    private List<ChdbConnection> removeExpired() {
        long now = nanoClock.getAsLong();
        List<ChdbConnection> expired = new ArrayList<>();
        sessions.values().removeIf(s -> {
            boolean gone = !s.inUse && now - s.idleSince >= s.timeoutNanos;
            if (gone) {
                expired.add(s.connection);
            }
            return gone;
        });
        return expired;
    }

    private static void closeAll(List<ChdbConnection> connections) {
        connections.forEach(ChdbConnection::close);
    }

    private static long parseTimeout(String timeout) throws ChdbException {
        if (timeout == null || timeout.isBlank()) {
            return DEFAULT_TIMEOUT.toNanos();
        }
        long seconds;
        try {
            seconds = Long.parseLong(timeout.strip());
        } catch (NumberFormatException e) {
            throw ChdbException.of(
                    72, "CANNOT_PARSE_NUMBER", "Cannot parse session_timeout '" + timeout + "' as seconds");
        }
        if (seconds < 0 || seconds > MAX_TIMEOUT.toSeconds()) {
            throw ChdbException.of(
                    36,
                    "BAD_ARGUMENTS",
                    "Session timeout " + seconds + " is larger than max_session_timeout: " + MAX_TIMEOUT.toSeconds());
        }
        return Duration.ofSeconds(seconds).toNanos();
    }

    private final class SessionLease implements ConnectionLease {
        private final Session session;
        /** Values the session had before this request's URL settings, restored when the request ends. */
        private final Map<String, String> previous = new LinkedHashMap<>();

        SessionLease(Session session) {
            this.session = session;
        }

        @Override
        public ChdbConnection connection() {
            return session.connection;
        }

        @Override
        public void useDatabase(String database) throws ChdbException {
            if (!database.equals(session.database)) {
                session.connection.query("USE " + SqlText.quoteIdentifier(database), "TSV", Map.of());
                session.database = database;
            }
        }

        @Override
        public void applyRequestSettings(Map<String, String> settings) throws ChdbException {
            for (Map.Entry<String, String> s : settings.entrySet()) {
                String set = RequestSettings.setStatement(s.getKey(), s.getValue());
                byte[] value = session.connection
                        .query(
                                "SELECT value FROM system.settings WHERE name = {name:String}",
                                "TSVRaw",
                                Map.of("name", s.getKey()))
                        .data();
                previous.putIfAbsent(s.getKey(), new String(value, java.nio.charset.StandardCharsets.UTF_8).strip());
                session.connection.query(set, "TSV", Map.of());
            }
        }

        @Override
        public void requestChangedState() {
            // a session keeps its USE, SET and temporary tables: that is what it is for
        }

        @Override
        public void close() {
            boolean broken = false;
            for (Map.Entry<String, String> p : previous.entrySet()) {
                try {
                    session.connection.query(RequestSettings.setStatement(p.getKey(), p.getValue()), "TSV", Map.of());
                } catch (ChdbException e) {
                    broken = true; // a session whose settings cannot be restored must not serve another request
                }
            }
            synchronized (Sessions.this) {
                session.inUse = false;
                session.idleSince = nanoClock.getAsLong();
                Sessions.this.notifyAll();
                if (broken || closed) {
                    sessions.values().remove(session);
                    session.connection.close();
                }
            }
        }
    }

    @Override
    public void close() {
        List<ChdbConnection> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            sessions.values().removeIf(s -> {
                if (!s.inUse) {
                    all.add(s.connection);
                    return true;
                }
                return false;
            });
        }
        closeAll(all);
    }
}
