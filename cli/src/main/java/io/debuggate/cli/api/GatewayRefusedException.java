package io.debuggate.cli.api;

import io.debuggate.cli.DgateException;

/** The gateway answered with an error status; the message carries its problem detail. */
public class GatewayRefusedException extends DgateException {

    private final Problem problem;

    public GatewayRefusedException(String action, Problem problem) {
        super(action + " failed: " + problem.status() + " " + problem.describe() + hint(problem.status()));
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    private static String hint(int status) {
        return status == 401 ? System.lineSeparator() + "  your login was not accepted: run dgate login" : "";
    }
}
