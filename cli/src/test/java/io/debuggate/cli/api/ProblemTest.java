package io.debuggate.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void detailRuleAndFieldErrorsAreAllShown() {
        Problem problem = Problem.parse(400, """
                {"type":"about:blank","title":"Invalid debug request","status":400,"detail":"2 problems",
                 "errors":[{"field":"tools","message":"'gdb' is not a tool: use dap, dlv or pprof"},
                           {"field":"reason","message":"must not be empty"}]}""");

        assertThat(problem.describe()).isEqualTo("2 problems" + System.lineSeparator()
                + "  - tools: 'gdb' is not a tool: use dap, dlv or pprof" + System.lineSeparator()
                + "  - reason: must not be empty");
    }

    @Test
    void theRuleIsNamedWhenTheDetailDoesNot() {
        Problem problem = Problem.parse(403, "{\"title\":\"Refused\",\"status\":403,\"detail\":\"you cannot sign your own request\",\"rule\":\"not-the-requester\"}");

        assertThat(problem.describe()).isEqualTo("you cannot sign your own request (rule not-the-requester)");
    }

    @Test
    void nonJsonBodiesAreShownAsText() {
        assertThat(Problem.parse(502, "Bad Gateway\n").describe()).isEqualTo("Bad Gateway");
        assertThat(Problem.parse(500, "").describe()).isEqualTo("HTTP 500");
    }

    @Test
    void oauthErrorsAreReadToo() {
        assertThat(Problem.parse(401, "{\"error\":\"invalid_token\",\"error_description\":\"Jwt expired\"}").describe())
                .isEqualTo("Jwt expired");
    }
}
