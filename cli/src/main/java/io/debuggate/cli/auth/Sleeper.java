package io.debuggate.cli.auth;

import java.time.Duration;

/** Waiting between polls; tests pass one that advances a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return duration -> Thread.sleep(duration);
    }
}
