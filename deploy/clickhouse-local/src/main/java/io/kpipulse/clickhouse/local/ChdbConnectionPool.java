package io.kpipulse.clickhouse.local;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed number of chDB connections on the engine's data directory, each lent to one request at a time.
 *
 * <p>Every connection starts in the {@code default} database with default settings. A request that changed
 * session state (its own {@code USE}/{@code SET}, or settings passed as URL parameters) hands its connection
 * back {@linkplain Lease#markDirty() dirty}; the pool closes it and opens a fresh one (≈0.2 ms), so no request
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
    final class Lease implements AutoCloseable {
        private PooledConnection pooled;
        private boolean dirty;

        private Lease(PooledConnection pooled) {
            this.pooled = pooled;
        }

        ChdbConnection connection() {
            return pooled.connection;
        }

        /** Switches the session database if needed; an unknown database fails as ClickHouse's UNKNOWN_DATABASE. */
        void useDatabase(String database) throws ChdbException {
            if (!database.equals(pooled.database)) {
                dirty = true; // until USE succeeds the session database is unknown
                pooled.connection.query("USE " + SqlText.quoteIdentifier(database), "TSV", java.util.Map.of());
                pooled.database = database;
                dirty = false;
            }
        }

        void markDirty() {
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
