package io.debuggate.policies.dap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.policies.DecisionCode;
import io.debuggate.policies.PolicyDecision;
import io.debuggate.policies.PolicyLoader;
import io.debuggate.policies.PolicySet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** DAP requests as observed in debug-protocols.md §7.6, and the ones a policy must stop. */
class DapPolicyTest {

    static final PolicySet POLICY = PolicyLoader.loadDefault();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "[{0}] {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "snapshot|initialize|{\"clientID\":\"py\",\"adapterID\":\"go\",\"linesStartAt1\":true}|ALLOWED|",
            "snapshot|attach|{\"mode\":\"remote\",\"stopOnEntry\":false}|ALLOWED|",
            "snapshot|attach|{\"mode\":\"local\",\"processId\":1}|ARGUMENT_NOT_ALLOWED|attach mode 'local'",
            "snapshot|attach|{\"processId\":1}|ARGUMENT_NOT_ALLOWED|attach mode 'local'",
            "snapshot|attach|{\"MODE\":\"local\",\"mode\":\"remote\"}|NON_CANONICAL_KEY|send 'mode'",
            "snapshot|configurationDone|{}|ALLOWED|",
            "snapshot|threads||ALLOWED|",
            "snapshot|variables|{\"variablesReference\":1000}|ALLOWED|",
            "snapshot|evaluate|{\"expression\":\"note\",\"frameId\":1000,\"context\":\"hover\"}|ALLOWED|",
            "snapshot|evaluate|{\"expression\":\"call f()\",\"frameId\":1000,\"context\":\"repl\"}|ARGUMENT_NOT_ALLOWED|injects a function call",
            "snapshot|evaluate|{\"expression\":\"  dlv config substitutePath a b\",\"context\":\"repl\"}|ARGUMENT_NOT_ALLOWED|runs debugger commands",
            "snapshot|evaluate|{\"expression\":\"x\",\"context\":\"cheat\"}|ARGUMENT_NOT_ALLOWED|context 'cheat'",
            "snapshot|evaluate|{}|MISSING_ARGUMENT|needs a string expression",
            "snapshot|pause|{\"threadId\":19}|ALLOWED|",
            "snapshot|disconnect|{\"terminateDebuggee\":false}|ALLOWED|",
            "snapshot|disconnect|{\"terminateDebuggee\":true}|NEVER_ALLOWED|would kill the production process",
            "snapshot|disconnect|{\"TerminateDebuggee\":true}|NON_CANONICAL_KEY|send 'terminateDebuggee'",
            "snapshot|disconnect|{\"restart\":true}|NEVER_ALLOWED|relaunches",
            "snapshot|setBreakpoints|{\"source\":{\"path\":\"/src/app/main.go\"},\"breakpoints\":[{\"line\":26}]}|NOT_ALLOWED|not allowed in this mode",
            "snapshot|next|{\"threadId\":19}|NOT_ALLOWED|not allowed in this mode",
            "snapshot|setVariable|{\"variablesReference\":1,\"name\":\"x\",\"value\":\"1\"}|NOT_ALLOWED|not allowed in this mode",
            "snapshot|readMemory|{\"memoryReference\":\"0x1\",\"count\":8}|NOT_ALLOWED|not allowed in this mode",
            "interactive|launch|{\"mode\":\"exec\",\"program\":\"/bin/sh\"}|NEVER_ALLOWED|never allowed",
            "interactive|restart|{}|NEVER_ALLOWED|never allowed",
            "interactive|setBreakpoints|{\"source\":{\"path\":\"/src/app/main.go\"},\"breakpoints\":[{\"line\":26,\"logMessage\":\"x={x}\"}]}|ALLOWED|",
            "interactive|next|{\"threadId\":19}|ALLOWED|",
            "interactive|Next|{}|NOT_ALLOWED|unknown DAP request",
            "interactive|evaluate|[1]|MALFORMED_ARGUMENT|must be a JSON object",
            "pprof|initialize|{}|NOT_ALLOWED|not allowed in this mode",
    })
    void decisions(String mode, String command, String json, DecisionCode code, String messagePart) {
        PolicyDecision d = POLICY.mode(mode).dap().decide(command, json == null ? null : JSON.readTree(json));
        assertThat(d.code()).as(d.message()).isEqualTo(code);
        if (messagePart != null) {
            assertThat(d.message()).contains(messagePart);
        }
    }

    @Test
    void logpointsAndCallsNeedExplicitPolicy() {
        DapPolicy p = new DapPolicy(Set.of("setBreakpoints", "evaluate"), Set.of("repl"), Set.of(), true, false, false);
        assertThat(p.decide("setBreakpoints", JSON.readTree("{\"breakpoints\":[{\"line\":1,\"logMessage\":\"{x}\"}]}")).code())
                .isEqualTo(DecisionCode.ARGUMENT_NOT_ALLOWED);
        assertThat(p.decide("evaluate", JSON.readTree("{\"expression\":\"call f()\",\"context\":\"repl\"}")).allowed()).isTrue();
    }

    @Test
    void badPoliciesAreRefused() {
        assertThatThrownBy(() -> new DapPolicy(Set.of("launch"), Set.of(), Set.of(), false, false, false)).hasMessageContaining("never allowed");
        assertThatThrownBy(() -> new DapPolicy(Set.of("attach"), Set.of(), Set.of(), false, false, false))
                .hasMessageContaining("attachModes is empty");
        assertThatThrownBy(() -> new DapPolicy(Set.of("evaluate"), Set.of("everything"), Set.of(), false, false, false))
                .hasMessageContaining("unknown evaluate context 'everything'");
    }
}
