package io.kpipulse.clickhouse.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure the ClickHouse engine ({@code libchdb.so} from the npm package
 * {@value #PACKAGE}@{@value #VERSION}) is present in a local cache directory, fetching it on a fresh machine.
 *
 * <p>Why npm: this machine class has no Docker and no ClickHouse download; the npm registry is the one
 * reachable source of a modern engine. The tarball is verified against the registry's SHA-1 before
 * anything is extracted. Extraction goes to a temporary directory and is renamed into place, and the
 * whole step holds a file lock, so parallel builds on one machine never see a half-written library.
 *
 * <p>Cache directory: system property {@value #CACHE_PROPERTY}, else env {@value #CACHE_ENV},
 * else {@code ~/.cache/kpi-pulse/chdb}.
 */
public final class ChdbEngineFetcher {
    public static final String PACKAGE = "@chdb/lib-linux-x64-gnu";
    public static final String VERSION = "26.7.3-stable.1";
    public static final String TARBALL_SHA1 = "d2905fafd0e0ac0e231cccadd1f0f6d010977297";
    public static final String TARBALL = "chdb-lib-linux-x64-gnu-" + VERSION + ".tgz";
    public static final String CACHE_ENV = "KPI_CHDB_CACHE";
    public static final String CACHE_PROPERTY = "kpi.chdb.cache";

    private static final String NPM_SPEC = PACKAGE + "@" + VERSION;
    private static final String LIBRARY_ENTRY = "package/libchdb.so";

    private final Path cacheDir;

    public ChdbEngineFetcher(Path cacheDir) {
        this.cacheDir = cacheDir.toAbsolutePath();
    }

    /** A fetcher on the configured cache directory (property, env, then the default). */
    public static ChdbEngineFetcher fromEnvironment() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(CACHE_ENV);
        }
        Path dir = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "kpi-pulse", "chdb")
                : Path.of(configured);
        return new ChdbEngineFetcher(dir);
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** Where the library lives once fetched: versioned, so a version bump never reuses an old engine. */
    public Path libraryPath() {
        return cacheDir.resolve(VERSION).resolve("libchdb.so");
    }

    /** Returns the path of {@code libchdb.so}, fetching and extracting it first if needed. */
    public Path ensureLibrary() {
        Path library = libraryPath();
        if (Files.isRegularFile(library)) {
            return library;
        }
        try {
            Files.createDirectories(cacheDir);
            try (FileChannel lockChannel = FileChannel.open(
                            cacheDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockChannel.lock()) {
                if (Files.isRegularFile(library)) {
                    return library; // another process finished while we waited for the lock
                }
                Path tarball = cacheDir.resolve(TARBALL);
                if (!Files.isRegularFile(tarball)) {
                    npmPack();
                }
                verifySha1(tarball);
                extract(tarball, library);
                return library;
            }
        } catch (IOException e) {
            throw fetchFailure(e.getMessage(), e);
        }
    }

    private void npmPack() throws IOException {
        Path log = cacheDir.resolve("npm-pack.log");
        ProcessBuilder pb = new ProcessBuilder("npm", "pack", NPM_SPEC, "--silent")
                .directory(cacheDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw fetchFailure("npm is not installed or not on PATH (" + e.getMessage() + ")", e);
        }
        try {
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw fetchFailure("npm pack timed out after 30 minutes", null);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw fetchFailure("interrupted while running npm pack", e);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(cacheDir.resolve(TARBALL))) {
            throw fetchFailure("npm pack exited with " + process.exitValue() + ", see " + log, null);
        }
    }

    private void verifySha1(Path tarball) throws IOException {
        String actual = sha1(tarball);
        if (!TARBALL_SHA1.equals(actual)) {
            // A corrupt or tampered download must not stay around to be trusted by the next run.
            Files.deleteIfExists(tarball);
            throw fetchFailure(
                    "SHA-1 of " + tarball + " is " + actual + ", expected " + TARBALL_SHA1 + " (file deleted)", null);
        }
    }

    static String sha1(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void extract(Path tarball, Path library) throws IOException {
        Path staging = Files.createTempDirectory(cacheDir, "extract-");
        try {
            List<String> command = List.of("tar", "-xzf", tarball.toString(), "-C", staging.toString(), LIBRARY_ENTRY);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(staging.resolve("tar.log").toFile())
                    .start();
            int exit;
            try {
                exit = process.waitFor();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while extracting " + tarball, e);
            }
            Path extracted = staging.resolve(LIBRARY_ENTRY);
            if (exit != 0 || !Files.isRegularFile(extracted)) {
                throw new IOException("tar exited with " + exit + " extracting " + LIBRARY_ENTRY + " from " + tarball
                        + ": " + Files.readString(staging.resolve("tar.log")).strip());
            }
            Files.createDirectories(library.getParent());
            Files.move(extracted, library, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private IllegalStateException fetchFailure(String reason, Throwable cause) {
        return new IllegalStateException(
                "could not fetch the ClickHouse engine: " + reason
                        + ". Run `npm pack " + NPM_SPEC + "` manually in " + cacheDir
                        + " (or point " + CACHE_ENV + " at a directory holding " + TARBALL + ")",
                cause);
    }
}
