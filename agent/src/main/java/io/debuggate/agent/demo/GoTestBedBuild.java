package io.debuggate.agent.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Go test bed's sources and builds them with {@code go build -gcflags="all=-N -l"}
 * (no optimisation, no inlining, so Delve sees every local). A build is skipped while the binary
 * is newer than every source file; the first one takes 10-20 s, so it logs its progress.
 */
public final class GoTestBedBuild {

    /** Where the sources sit inside the debuggate repository. */
    public static final String SOURCE_DIR = "deploy/testbed";
    public static final String BINARY_NAME = "testbed";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(GoTestBedBuild.class);
    private static final long PROGRESS_SECONDS = 5;

    private GoTestBedBuild() {
    }

    /**
     * The source directory: {@code explicitDir} when given (it must hold {@code main.go}), else
     * {@value #SOURCE_DIR} in the nearest ancestor of the working directory that has one.
     */
    public static Path locateSources(@Nullable Path explicitDir) {
        return locateSources(explicitDir, Path.of("").toAbsolutePath());
    }

    public static Path locateSources(@Nullable Path explicitDir, Path startDir) {
        if (explicitDir != null) {
            if (!Files.isRegularFile(explicitDir.resolve("main.go"))) {
                throw new DemoUnavailableException("test bed source directory \"" + explicitDir + "\" holds no main.go:"
                        + " give the " + SOURCE_DIR + " directory of the debuggate repository");
            }
            return explicitDir.toAbsolutePath().normalize();
        }
        for (Path dir = startDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SOURCE_DIR).resolve("main.go"))) {
                return dir.resolve(SOURCE_DIR);
            }
        }
        throw new DemoUnavailableException(SOURCE_DIR + "/main.go not found in " + startDir.toAbsolutePath()
                + " or above: start from inside the debuggate repository or configure the test bed source directory");
    }

    /** True when the binary is missing or older than a {@code .go}, {@code go.mod} or {@code go.sum} file. */
    public static boolean isStale(Path sourceDir, Path binary) {
        if (!Files.isRegularFile(binary)) {
            return true;
        }
        try (Stream<Path> files = Files.walk(sourceDir)) {
            FileTime built = Files.getLastModifiedTime(binary);
            return files.filter(GoTestBedBuild::isGoSource).anyMatch(f -> modified(f).compareTo(built) > 0);
        } catch (IOException | UncheckedIOException e) {
            return true;
        }
    }

    /**
     * Builds {@code sourceDir} into {@code outputDir/}{@value #BINARY_NAME} unless that binary is
     * up to date; returns the binary.
     *
     * @throws DemoUnavailableException when go is missing, the build fails or exceeds {@code timeout}
     */
    public static synchronized Path build(Path sourceDir, Path outputDir, Duration timeout) {
        Path binary = outputDir.resolve(BINARY_NAME);
        if (!isStale(sourceDir, binary)) {
            log.info("Go test bed is up to date binary={}", binary);
            return binary;
        }
        Path go = Executables.go();
        // Build under a private name and rename: another JVM may be running the previous binary.
        Path temp = outputDir.resolve(BINARY_NAME + ".building-" + ProcessHandle.current().pid());
        FileTime started = FileTime.fromMillis(System.currentTimeMillis());
        log.info("building the Go test bed ... source={} binary={} (10-20 s the first time)", sourceDir, binary);
        try {
            Files.createDirectories(outputDir);
            ProcessBuilder builder = new ProcessBuilder(go.toString(), "build", "-gcflags=all=-N -l", "-o", temp.toString(), ".")
                    .directory(sourceDir.toFile()).redirectErrorStream(true);
            goEnvironment(builder.environment(), outputDir);
            Process process = builder.start();
            DemoProcessReaper.register(process);
            try {
                String output = awaitBuild(process, timeout, sourceDir);
                if (process.exitValue() != 0) {
                    throw new DemoUnavailableException("go build of " + sourceDir + " failed (exit " + process.exitValue()
                            + "): " + output.strip());
                }
            } finally {
                DemoProcessReaper.unregister(process);
            }
            // Stamp the start time: a source saved during the build must still count as newer.
            Files.setLastModifiedTime(temp, started);
            Files.move(temp, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DemoUnavailableException("cannot build the Go test bed into " + outputDir + " (" + e
                    + "): check that the directory is writable", e);
        } finally {
            deleteQuietly(temp); // left over only when the build failed or timed out
        }
        log.info("built the Go test bed binary={} seconds={}", binary,
                (System.currentTimeMillis() - started.toMillis()) / 1000.0);
        return binary;
    }

    private static void goEnvironment(Map<String, String> env, Path outputDir) {
        env.put("CGO_ENABLED", "0");
        // Nothing may be downloaded at run time: standard library only, the local toolchain only.
        env.put("GOPROXY", "off");
        env.put("GOTOOLCHAIN", "local");
        env.put("GOFLAGS", "-mod=mod");
        if (System.getenv("HOME") == null && System.getenv("GOCACHE") == null) {
            env.put("GOCACHE", outputDir.resolve("go-cache").toString());
        }
    }

    private static String awaitBuild(Process process, Duration timeout, Path sourceDir) {
        CompletableFuture<String> output = new CompletableFuture<>();
        // a platform thread, as for every pipe reader (ProcessStderr says why)
        Thread.ofPlatform().daemon().name("go-build-output").start(() -> {
            try {
                output.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.complete("(output unreadable: " + e + ")");
            }
        });
        long startNanos = System.nanoTime();
        try {
            while (!process.waitFor(PROGRESS_SECONDS, TimeUnit.SECONDS)) {
                long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
                if (elapsed >= timeout.toSeconds()) {
                    stop(process);
                    throw new DemoUnavailableException("go build of " + sourceDir + " took longer than " + timeout
                            + ": is the machine overloaded? retry, or build it by hand with"
                            + " `go build -gcflags=\"all=-N -l\" -o testbed .` in " + sourceDir);
                }
                log.info("still building the Go test bed ... elapsedSeconds={}", elapsed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new DemoUnavailableException("interrupted while building the Go test bed", e);
        }
        // The process has exited, so its output is complete or about to be.
        return output.completeOnTimeout("(no output)", 5, TimeUnit.SECONDS).join();
    }

    /** go build and its compiler children are no debuggers: forcing them is safe. */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("cannot delete file={} error={}", file, e.toString());
        }
    }

    private static boolean isGoSource(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".go") || name.equals("go.mod") || name.equals("go.sum");
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
