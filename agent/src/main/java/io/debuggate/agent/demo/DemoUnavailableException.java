package io.debuggate.agent.demo;

/**
 * The demo target cannot run here: a tool or the test bed sources are missing, the build failed,
 * or a process did not come up. The message names the fix; a gateway logs it and runs on
 * without the demo.
 */
public final class DemoUnavailableException extends RuntimeException {

    public DemoUnavailableException(String message) {
        super(message);
    }

    public DemoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
