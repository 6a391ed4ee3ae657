package io.debuggate.agent.dlv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the supervisor runs dlv.
 *
 * @param dlvPath      the dlv executable
 * @param startTimeout how long to wait for "API server listening at:" after starting dlv
 * @param stopTimeout  how long to wait for dlv to exit after SIGTERM before giving up (never SIGKILL)
 */
public record DlvSettings(Path dlvPath, Duration startTimeout, Duration stopTimeout) {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(15);

    public DlvSettings {
        if (!Files.isExecutable(dlvPath)) {
            throw new IllegalArgumentException("dlv executable \"" + dlvPath + "\" not found or not executable:"
                    + " install Delve (apt-get install -y delve) or pass --dlv=/path/to/dlv");
        }
        requirePositive("startTimeout", startTimeout);
        requirePositive("stopTimeout", stopTimeout);
    }

    public static DlvSettings of(Path dlvPath) {
        return new DlvSettings(dlvPath, DEFAULT_START_TIMEOUT, DEFAULT_STOP_TIMEOUT);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " " + value + " must be positive");
        }
    }
}
