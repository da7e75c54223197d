package io.kpipulse.clickhouse.local;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chDB engine of this process, opened on one data directory.
 *
 * <p>Why a process-wide singleton: the engine lives in the process, with one storage path at a time.
 * Connections to that path are cheap and may be open together; opening another path requires closing every
 * connection first, which shuts the engine down. So the first {@link #acquire} boots it, later ones on the
 * same path share it, and a different path while it runs is refused. The engine holds one "keeper"
 * connection that serves nothing and is closed only by the last {@link #release}: pools may replace their
 * connections freely without ever shutting the engine down by accident (chdb.h warns that repeated
 * shutdown/boot cycles in one process corrupt it).
 *
 * <p>Before the first connect it (1) disables chDB's signal handlers, because the JVM uses SIGSEGV itself, and
 * (2) sets {@code TZ=UTC} in the C environment and calls {@code tzset()}: the engine takes its server time
 * zone from the process, and a restart under another zone would shift how stored DateTimes are rendered.
 */
public final class ChdbEngine {
    private static final Object LOCK = new Object();
    /** Guarded by LOCK. The engine is per process, so its handle is too. */
    private static ChdbEngine running;

    private static ChdbNative library;
    private static Path libraryPath;

    private final ChdbNative lib;
    private final Path dataDir;
    private final Pointer keeper;
    private final String version;
    private int users;

    private ChdbEngine(ChdbNative lib, Path dataDir) {
        this.lib = lib;
        this.dataDir = dataDir;
        this.keeper = openConnection(lib, dataDir);
        this.version = readVersion();
    }

    /** Boots the engine on {@code dataDir} (or joins it if it already runs there). Pair with {@link #release()}. */
    public static ChdbEngine acquire(Path libraryFile, Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        synchronized (LOCK) {
            if (running != null) {
                if (!running.dataDir.equals(dir)) {
                    throw new IllegalStateException("the chDB engine of this process already runs on " + running.dataDir
                            + "; one process serves one data directory, cannot also open " + dir);
                }
                running.users++;
                return running;
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data directory " + dir, e);
            }
            running = new ChdbEngine(load(libraryFile), dir);
            running.users = 1;
            return running;
        }
    }

    private static ChdbNative load(Path libraryFile) {
        if (library != null) {
            if (!libraryFile.toAbsolutePath().equals(libraryPath)) {
                throw new IllegalStateException("chDB already loaded from " + libraryPath);
            }
            return library;
        }
        // The engine reads TZ when it boots; pin it before the first connect (see class comment).
        ChdbNative.LibC libc = Native.load("c", ChdbNative.LibC.class);
        libc.setenv("TZ", "UTC", 1);
        libc.tzset();
        ChdbNative lib = Native.load(libraryFile.toAbsolutePath().toString(), ChdbNative.class);
        lib.chdb_set_signal_handlers_enabled(0);
        library = lib;
        libraryPath = libraryFile.toAbsolutePath();
        return lib;
    }

    private static Pointer openConnection(ChdbNative lib, Path dataDir) {
        String[] argv = {"clickhouse", "--path=" + dataDir};
        Pointer connection = lib.chdb_connect(argv.length, argv);
        if (connection == null || connection.getPointer(0) == null) {
            throw new IllegalStateException(
                    "chdb_connect failed for data directory " + dataDir + " (is another process using it?)");
        }
        return connection;
    }

    private String readVersion() {
        try (ChdbConnection c = new ChdbConnection(lib, openConnection(lib, dataDir))) {
            return new String(
                            c.query("SELECT version()", "TSV", java.util.Map.of())
                                    .data(),
                            StandardCharsets.UTF_8)
                    .strip();
        } catch (ChdbException e) {
            throw new IllegalStateException("chDB engine does not answer: " + e.getMessage(), e);
        }
    }

    /** A new connection on the engine's data directory; close it when done (the engine stays up). */
    public ChdbConnection connect() {
        synchronized (LOCK) {
            if (users <= 0) {
                throw new IllegalStateException("chDB engine already shut down");
            }
            return new ChdbConnection(lib, openConnection(lib, dataDir));
        }
    }

    /** The ClickHouse version of the engine, e.g. {@code 26.7.3.1}. */
    public String version() {
        return version;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Drops one user; the last one closes the keeper connection, which shuts the engine down. */
    public void release() {
        synchronized (LOCK) {
            if (users <= 0) {
                return;
            }
            if (--users == 0) {
                lib.chdb_close_conn(keeper);
                running = null;
            }
        }
    }
}
