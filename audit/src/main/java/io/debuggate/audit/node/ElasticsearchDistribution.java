package io.debuggate.audit.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elasticsearch server zip resolved by Maven ({@code org.elasticsearch.distribution.integ-test-zip}),
 * located in the local repository and unpacked once into the node's home.
 */
public final class ElasticsearchDistribution {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchDistribution.class);
    static final String MARKER = ".debuggate-distribution";

    private ElasticsearchDistribution() {
    }

    /** The server version this build was made against (the root pom's {@code elasticsearch-server.version}). */
    public static String defaultVersion() {
        try (InputStream in = ElasticsearchDistribution.class.getResourceAsStream("distribution.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            String version = properties.getProperty("elasticsearch.version", "9.2.8");
            return version.startsWith("$") ? "9.2.8" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maven coordinates of the zip, as {@code dependency:get} expects them. */
    public static String coordinates(String version) {
        return "org.elasticsearch.distribution.integ-test-zip:elasticsearch:" + version + ":zip";
    }

    /**
     * Finds the zip: the explicit path if given, else {@code ${maven.repo.local}} or
     * {@code ~/.m2/repository}.
     */
    public static Path locate(@Nullable Path explicitZip, String version) {
        if (explicitZip != null) {
            if (!Files.isRegularFile(explicitZip)) {
                throw new LocalElasticsearchException("Elasticsearch distribution " + explicitZip
                        + " does not exist: fix the configured path or leave it empty to use the Maven repository");
            }
            return explicitZip;
        }
        Path repository = mavenRepository();
        Path zip = repository.resolve("org/elasticsearch/distribution/integ-test-zip/elasticsearch")
                .resolve(version).resolve("elasticsearch-" + version + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new LocalElasticsearchException("Elasticsearch " + version + " distribution not found at " + zip
                    + ": fetch it once with ./mvnw dependency:get -Dartifact=" + coordinates(version)
                    + " (or point the configuration at a downloaded zip)");
        }
        return zip;
    }

    static Path mavenRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * Unpacks the zip into {@code home} unless the same version is already there. The archive's
     * top folder is stripped, so {@code home/bin/elasticsearch} exists afterwards; {@code data/}
     * and {@code logs/} of an earlier run are kept.
     */
    public static void unpackOnce(Path zip, String version, Path home) {
        Path marker = home.resolve(MARKER);
        try {
            if (Files.isRegularFile(marker) && Files.readString(marker).strip().equals(version)
                    && Files.isRegularFile(home.resolve("bin/elasticsearch"))) {
                log.debug("elasticsearch.distribution reused home={} version={}", home, version);
                return;
            }
            if (Files.isRegularFile(marker)) {
                String found = Files.readString(marker).strip();
                if (!found.equals(version)) {
                    throw new LocalElasticsearchException("home " + home + " holds Elasticsearch " + found
                            + " but " + version + " is configured: choose another home folder, or move "
                            + home.resolve("data") + " away and delete " + marker + " to upgrade in place");
                }
            }
            long started = System.nanoTime();
            Files.createDirectories(home);
            for (String dist : new String[] {"bin", "lib", "modules", "plugins", "config"}) {
                deleteRecursively(home.resolve(dist));
            }
            extract(zip, home);
            Files.writeString(marker, version + "\n");
            log.info("elasticsearch.distribution unpacked zip={} home={} tookMs={}", zip, home,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new LocalElasticsearchException(DiskTrouble.describe(e, "unpacking " + zip + " into " + home), e);
        }
    }

    private static void extract(Path zip, Path home) throws IOException {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path target = home.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(home)) {
                    throw new IOException("zip entry " + name + " escapes the home folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                // java.util.zip drops Unix modes; only the launch scripts need the execute bit.
                if (name.contains("/bin/") && !name.endsWith(".bat") && !name.endsWith(".exe")) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
