package io.debuggate.audit.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Chooses the JDK that runs Elasticsearch ({@code ES_JAVA_HOME}); Elasticsearch 9 needs 21 or newer. */
public final class JdkSelector {

    public static final Path FALLBACK_JDK = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    static final int MINIMUM_FEATURE = 21;
    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private JdkSelector() {
    }

    /**
     * The explicit JDK if given (it must be 21+), else the running JVM if it is 21+, else
     * {@link #FALLBACK_JDK}.
     */
    public static Path select(@Nullable Path explicit) {
        if (explicit != null) {
            return requireUsable(explicit, "the configured java home");
        }
        if (Runtime.version().feature() >= MINIMUM_FEATURE) {
            Path running = Path.of(System.getProperty("java.home"));
            if (Files.isExecutable(running.resolve("bin/java"))) {
                return running;
            }
        }
        if (Files.isExecutable(FALLBACK_JDK.resolve("bin/java"))) {
            return requireUsable(FALLBACK_JDK, "the fallback JDK");
        }
        throw new LocalElasticsearchException("no JDK " + MINIMUM_FEATURE + "+ found for Elasticsearch: this JVM is "
                + Runtime.version().feature() + " and " + FALLBACK_JDK + " does not exist; install a JDK 21+"
                + " (e.g. Temurin 25) and run with it, or configure its path as the node's java home");
    }

    static Path requireUsable(Path jdk, String what) {
        if (!Files.isExecutable(jdk.resolve("bin/java"))) {
            throw new LocalElasticsearchException(what + " " + jdk + " has no executable bin/java:"
                    + " point it at a JDK 21+ folder (the one that contains bin/java)");
        }
        Optional<Integer> feature = featureVersion(jdk);
        if (feature.isPresent() && feature.get() < MINIMUM_FEATURE) {
            throw new LocalElasticsearchException(what + " " + jdk + " is Java " + feature.get()
                    + ", Elasticsearch 9 needs " + MINIMUM_FEATURE + "+: install a JDK 21+ (e.g. Temurin 25) and use it");
        }
        return jdk;
    }

    static Optional<Integer> featureVersion(Path jdk) {
        Path release = jdk.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher matcher = RELEASE_VERSION.matcher(Files.readString(release));
            if (matcher.find()) {
                int major = Integer.parseInt(matcher.group(1));
                // Java 8 and older report "1.8.0_x"
                return Optional.of(major == 1 ? 8 : major);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
