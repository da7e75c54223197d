package io.kpipulse.clickhouse.local;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed number of chDB connections on the engine's data directory, each lent to one request at a time.
 *
 * <p>Every connection starts in the {@code default} database with default settings. A request that changed
 * session state (its own {@code USE}/{@code SET}, or settings passed as URL parameters) hands its connection
 * back {@linkplain Lease#requestChangedState() dirty}; the pool closes it and opens a fresh one (≈0.2 ms), so no request
 * ever sees another's session state. Closing a pooled connection never stops the engine: {@link ChdbEngine}
 * holds its own keeper connection.
 */
final class ChdbConnectionPool implements AutoCloseable {
    private final ChdbEngine engine;
    private final BlockingQueue<PooledConnection> idle;
    private volatile boolean closed;

    ChdbConnectionPool(ChdbEngine engine, int size) {
        this.engine = engine;
        this.idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            idle.add(new PooledConnection(engine.connect()));
        }
    }

    /** A connection with the database it currently uses, so {@code USE} is only sent when it changes. */
    static final class PooledConnection {
        final ChdbConnection connection;
        String database = "default";

        PooledConnection(ChdbConnection connection) {
            this.connection = connection;
        }
    }

    /** A borrowed connection; closing the lease returns it (or a fresh replacement if marked dirty). */
    final class Lease implements ConnectionLease {
        private PooledConnection pooled;
        private boolean dirty;

        private Lease(PooledConnection pooled) {
            this.pooled = pooled;
        }

        @Override
        public ChdbConnection connection() {
            return pooled.connection;
        }

        @Override
        public void useDatabase(String database) throws ChdbException {
            if (!database.equals(pooled.database)) {
                dirty = true; // until USE succeeds the session database is unknown
                pooled.connection.query("USE " + SqlText.quoteIdentifier(database), "TSV", Map.of());
                pooled.database = database;
                dirty = false;
            }
        }

        @Override
        public void applyRequestSettings(Map<String, String> settings) throws ChdbException {
            if (settings.isEmpty()) {
                return;
            }
            dirty = true; // the fresh replacement connection is how the settings end with the request
            for (Map.Entry<String, String> s : settings.entrySet()) {
                pooled.connection.query(RequestSettings.setStatement(s.getKey(), s.getValue()), "TSV", Map.of());
            }
        }

        @Override
        public void requestChangedState() {
            dirty = true;
        }

        @Override
        public void close() {
            PooledConnection giveBack = pooled;
            pooled = null;
            if (giveBack == null) {
                return;
            }
            if (dirty || closed) {
                giveBack.connection.close();
                if (closed) {
                    return;
                }
                giveBack = new PooledConnection(engine.connect());
            }
            idle.add(giveBack);
        }
    }

    Lease borrow() throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("server is shutting down");
        }
        return new Lease(idle.take());
    }

    /** Closes the idle connections; leases still out close theirs when returned. */
    @Override
    public void close() {
        closed = true;
        for (PooledConnection c; (c = idle.poll()) != null; ) {
            c.connection.close();
        }
    }
}
