package io.debuggate.agent.dlv;

/**
 * Runs against a live dlv just before the supervisor sends it SIGTERM. This is where the
 * teardown sequence of debug-protocols §4.2 (halt if running, clear breakpoints, cancel a
 * pending step, {@code Detach{Kill:false}}) plugs in; until then SIGTERM alone makes dlv halt,
 * detach and leave the attached target running (§1.4).
 */
@FunctionalInterface
public interface BeforeDlvStop {

    BeforeDlvStop NOTHING = attachment -> { };

    /** Must not throw for an unreachable dlv: the supervisor sends SIGTERM afterwards regardless. */
    void run(DlvAttachment attachment);
}
