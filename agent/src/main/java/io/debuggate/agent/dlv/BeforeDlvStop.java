package io.debuggate.agent.dlv;

/**
 * Runs against a live dlv just before the supervisor sends it SIGTERM. The agent plugs in
 * {@link TeardownBeforeDlvStop}, the teardown sequence of debug-protocols §4.2 (halt if running,
 * clear breakpoints, cancel a pending step, {@code Detach{Kill:false}}); SIGTERM alone also makes
 * dlv halt, detach and leave the attached target running (§1.4), and stays the safety net.
 */
@FunctionalInterface
public interface BeforeDlvStop {

    BeforeDlvStop NOTHING = attachment -> { };

    /** Must not throw for an unreachable dlv: the supervisor sends SIGTERM afterwards regardless. */
    void run(DlvAttachment attachment);

    /** As {@link #run(DlvAttachment)}, with the reason dlv is being stopped (for the log). */
    default void run(DlvAttachment attachment, String why) {
        run(attachment);
    }
}
