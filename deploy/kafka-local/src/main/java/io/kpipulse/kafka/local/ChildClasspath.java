package io.kpipulse.kafka.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Finds the class path for the broker's JVM from the current JVM: {@code java.class.path} (expanding
 * manifest-only jars such as Surefire's booter jar), or else the URLs of the context class loader
 * (as under {@code mvn exec:java}, where {@code java.class.path} is Maven's own).
 */
final class ChildClasspath {

    static final String KAFKA_SERVER_CLASS = "kafka/Kafka.class";
    static final String ENTRY_POINT_CLASS = KafkaBrokerProcess.class.getName().replace('.', '/') + ".class";

    private ChildClasspath() {}

    static String resolve() {
        List<Path> fromProperty = expand(split(System.getProperty("java.class.path", "")));
        if (containsAll(fromProperty)) {
            return join(fromProperty);
        }
        List<Path> fromLoader = expand(loaderEntries(Thread.currentThread().getContextClassLoader()));
        if (containsAll(fromLoader)) {
            return join(fromLoader);
        }
        throw new IllegalStateException(
                "Cannot start the local Kafka broker: its class path needs Kafka's server classes ("
                        + KAFKA_SERVER_CLASS + " from org.apache.kafka:kafka_2.13) and " + ENTRY_POINT_CLASS
                        + " (io.kpipulse:kpi-kafka-local), but neither java.class.path nor the context class loader has both. "
                        + "Depend on kpi-kafka-local (which brings kafka_2.13) or pass an explicit class path to "
                        + "LocalKafkaBroker.builder().classpath(...). java.class.path="
                        + System.getProperty("java.class.path"));
    }

    /** Checks an explicitly given class path. */
    static String verify(String classpath) {
        if (!containsAll(expand(split(classpath)))) {
            throw new IllegalStateException("The class path given for the local Kafka broker lacks "
                    + KAFKA_SERVER_CLASS + " or " + ENTRY_POINT_CLASS + ": " + classpath);
        }
        return classpath;
    }

    private static List<Path> split(String classpath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath());
            }
        }
        return entries;
    }

    private static List<Path> loaderEntries(ClassLoader loader) {
        List<Path> entries = new ArrayList<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urlLoader) {
                for (URL url : urlLoader.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()));
                        } catch (URISyntaxException | IllegalArgumentException ignored) {
                            // Not a plain file location; cannot be passed on with -cp.
                        }
                    }
                }
            }
        }
        return entries;
    }

    /** Replaces jars whose manifest carries a Class-Path (manifest-only jars) by that class path, keeping order. */
    private static List<Path> expand(List<Path> entries) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path entry : entries) {
            out.add(entry);
            if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                out.addAll(manifestClassPath(entry));
            }
        }
        return new ArrayList<>(out);
    }

    private static List<Path> manifestClassPath(Path jar) {
        List<Path> entries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath =
                    manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return entries;
            }
            URI base = jar.toUri();
            for (String item : classPath.trim().split("\\s+")) {
                try {
                    URI uri = base.resolve(item);
                    if ("file".equals(uri.getScheme())) {
                        entries.add(Path.of(uri));
                    }
                } catch (IllegalArgumentException ignored) {
                    // Malformed entry; the JVM ignores it too.
                }
            }
        } catch (IOException ignored) {
            // Unreadable jar: keep it as it is.
        }
        return entries;
    }

    private static boolean containsAll(List<Path> entries) {
        return contains(entries, KAFKA_SERVER_CLASS) && contains(entries, ENTRY_POINT_CLASS);
    }

    private static boolean contains(List<Path> entries, String resource) {
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                if (Files.isRegularFile(entry.resolve(resource))) {
                    return true;
                }
            } else if (Files.isRegularFile(entry)) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    if (jar.getEntry(resource) != null) {
                        return true;
                    }
                } catch (IOException ignored) {
                    // Not a jar.
                }
            }
        }
        return false;
    }

    private static String join(List<Path> entries) {
        List<String> parts = new ArrayList<>();
        for (Path entry : entries) {
            // Drop entries that do not exist (stale manifest Class-Path items).
            if (Files.exists(entry)) {
                parts.add(entry.toString());
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
