package io.debuggate.policies.delve;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Requests as `dlv connect` sends them (debug-protocols.md §7), and the tricks of §1.5. */
class DelvePolicyTest {

    static final PolicySet POLICY = PolicyLoader.loadDefault();
    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode params(String json) {
        return json == null || json.isEmpty() ? null : JSON.readTree(json);
    }

    @ParameterizedTest(name = "[{0}] {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // the dlv connect handshake passes in snapshot mode
            "snapshot|RPCServer.SetApiVersion|{\"APIVersion\":2}|ALLOWED|",
            "snapshot|RPCServer.IsMulticlient|{}|ALLOWED|",
            "snapshot|RPCServer.State|{\"NonBlocking\":true}|ALLOWED|",
            "snapshot|RPCServer.Command|{\"name\":\"halt\",\"ReturnInfoLoadConfig\":null}|ALLOWED|",
            "snapshot|RPCServer.Recorded|{}|ALLOWED|",
            "snapshot|RPCServer.ListFunctions|{\"Filter\":\"\"}|ALLOWED|",
            "snapshot|RPCServer.ListGoroutines|{\"Start\":0,\"Count\":10000,\"Filters\":null,\"GroupBy\":0,\"GroupByKey\":\"\",\"MaxGroupMembers\":5,\"MaxGroups\":50}|ALLOWED|",
            "snapshot|RPCServer.Eval|{\"Scope\":{\"GoroutineID\":-1,\"Frame\":0,\"DeferredCall\":0},\"Expr\":\"note\",\"Cfg\":{\"FollowPointers\":true,\"MaxVariableRecurse\":1,\"MaxStringLen\":64,\"MaxArrayValues\":64,\"MaxStructFields\":-1}}|ALLOWED|",
            "snapshot|Eval|{\"Expr\":\"note\"}|ALLOWED|",
            "snapshot|RPCServer.Command|{\"name\":\"halt\"}|ALLOWED|",
            "snapshot|RPCServer.Command|{\"name\":\"continue\"}|NOT_ALLOWED|Command 'continue' is not allowed",
            // what snapshot does not allow
            "snapshot|RPCServer.Command|{\"name\":\"next\"}|NOT_ALLOWED|Command 'next' is not allowed",
            "snapshot|RPCServer.CreateBreakpoint|{\"Breakpoint\":{\"functionName\":\"main.handle\"}}|ALLOWED|",
            "snapshot|RPCServer.CreateBreakpoint|{\"Breakpoint\":{},\"LocExpr\":\"/.*/\"}|ARGUMENT_NOT_ALLOWED|by regex or raw address",
            "snapshot|RPCServer.ExamineMemory|{\"Address\":8657611,\"Length\":21}|NOT_ALLOWED|not allowed in this mode",
            "snapshot|RPCServer.Set|{\"Symbol\":\"x\",\"Value\":\"1\"}|NOT_ALLOWED|not allowed in this mode",
            "pprof|RPCServer.State|{\"NonBlocking\":true}|NOT_ALLOWED|not allowed in this mode",
            // never, in any mode
            "interactive|RPCServer.Restart|{}|NEVER_ALLOWED|never allowed",
            "interactive|RPCServer.DumpStart|{\"Destination\":\"/tmp/core\"}|NEVER_ALLOWED|never allowed",
            "interactive|RPCServer.Detach|{\"Kill\":true}|NOT_ALLOWED|not allowed in this mode",
            "interactive|RPCServer.Command|{\"name\":\"call\",\"expr\":\"f()\"}|NOT_ALLOWED|Command 'call'",
            "interactive|RPCServer.SetApiVersion|{\"APIVersion\":1}|ARGUMENT_NOT_ALLOWED|must set APIVersion 2",
            // parsing hazards: case variants, unknown keys, wrong types, unknown methods
            "interactive|RPCServer.Command|{\"NAME\":\"halt\"}|NON_CANONICAL_KEY|send 'name'",
            "interactive|RPCServer.Command|{\"name\":\"halt\",\"Name\":\"continue\"}|NON_CANONICAL_KEY|send 'name'",
            "interactive|RPCServer.Eval|{\"Expr\":\"x\",\"Cfg\":{\"maxStringLen\":10}}|NON_CANONICAL_KEY|send 'MaxStringLen'",
            "interactive|RPCServer.Command|{\"name\":\"halt\",\"extra\":1}|UNKNOWN_ARGUMENT|unknown key 'extra'",
            "interactive|RPCServer.Command|{\"name\":\"Continue\"}|NOT_ALLOWED|Command 'Continue'",
            "interactive|RPCServer.Command|{}|MISSING_ARGUMENT|needs a name",
            "interactive|RPCServer.Command|[\"halt\"]|MALFORMED_ARGUMENT|must be a JSON object",
            "interactive|RPCServer.State|{\"NonBlocking\":\"yes\"}|MALFORMED_ARGUMENT|must be of type bool",
            "interactive|RPCServer.command|{}|NOT_ALLOWED|unknown Delve method",
            "interactive|RPCServer.Nope|{}|NOT_ALLOWED|unknown Delve method",
            // load limits
            "interactive|RPCServer.Eval|{\"Expr\":\"x\",\"Cfg\":{\"MaxStringLen\":1000000}}|ARGUMENT_OUT_OF_RANGE|MaxStringLen must be between 0 and 256",
            "interactive|RPCServer.ListLocalVars|{\"Cfg\":{\"MaxArrayValues\":100000}}|ARGUMENT_OUT_OF_RANGE|MaxArrayValues",
            "interactive|RPCServer.Command|{\"name\":\"continue\",\"ReturnInfoLoadConfig\":{\"FollowPointers\":true,\"MaxVariableRecurse\":1,\"MaxStringLen\":64,\"MaxArrayValues\":64,\"MaxStructFields\":-1}}|ALLOWED|",
            // breakpoints in interactive mode
            "interactive|RPCServer.CreateBreakpoint|{\"Breakpoint\":{\"id\":0,\"name\":\"\",\"addr\":8181551,\"addrs\":[8181551],\"addrpid\":[5994],\"functionName\":\"main.handle\",\"Cond\":\"\",\"continue\":false,\"LoadArgs\":{\"MaxStringLen\":64}},\"LocExpr\":\"main.handle\",\"SubstitutePathRules\":null}|ALLOWED|",
            "interactive|RPCServer.CreateBreakpoint|{\"Breakpoint\":{},\"LocExpr\":\"/.*/\"}|ARGUMENT_NOT_ALLOWED|by regex or raw address",
            "interactive|RPCServer.CreateBreakpoint|{\"Breakpoint\":{\"LoadLocals\":{\"MaxStringLen\":100000}}}|ARGUMENT_OUT_OF_RANGE|LoadLocals.MaxStringLen",
            "interactive|RPCServer.CreateBreakpoint|{\"Breakpoint\":{\"Continue\":true}}|NON_CANONICAL_KEY|send 'continue'",
            "interactive|RPCServer.ClearBreakpoint|{\"Id\":1}|ALLOWED|",
            "interactive|RPCServer.Command|{\"name\":\"next\"}|ALLOWED|",
    })
    void decisions(String mode, String method, String json, DecisionCode code, String messagePart) {
        PolicyDecision d = POLICY.mode(mode).delve().decide(method, params(json));
        assertThat(d.code()).as(d.message()).isEqualTo(code);
        if (messagePart != null) {
            assertThat(d.message()).contains(messagePart);
        }
    }

    @Test
    void killOnDetachIsNeverAllowedEvenWhenDetachIs() {
        DelvePolicy p = new DelvePolicy(Set.of("Detach"), Set.of(), 2, false, false, 0, new LoadLimits(64, 64, 1, -1));
        assertThat(p.decide("RPCServer.Detach", params("{\"Kill\":false}")).allowed()).isTrue();
        assertThat(p.decide("RPCServer.Detach", params("{\"Kill\":true}")).code()).isEqualTo(DecisionCode.NEVER_ALLOWED);
        assertThat(p.decide("RPCServer.Detach", null).allowed()).as("null params decode to Kill:false").isTrue();
    }

    @Test
    void functionCallsNeedExplicitPolicy() {
        DelvePolicy p = new DelvePolicy(Set.of("Command"), Set.of("call"), 2, false, false, 0, new LoadLimits(64, 64, 1, -1));
        assertThat(p.decide("RPCServer.Command", params("{\"name\":\"call\",\"expr\":\"f()\"}")).allowed()).isTrue();
        assertThat(p.decide("RPCServer.Command", params("{\"name\":\"call\",\"expr\":\"f()\",\"unsafeCall\":true}")).code())
                .isEqualTo(DecisionCode.ARGUMENT_NOT_ALLOWED);
    }

    @Test
    void examineMemoryIsBounded() {
        DelvePolicy p = new DelvePolicy(Set.of("ExamineMemory"), Set.of(), 2, false, false, 256, new LoadLimits(64, 64, 1, -1));
        assertThat(p.decide("RPCServer.ExamineMemory", params("{\"Address\":8657611,\"Length\":21}")).allowed()).isTrue();
        assertThat(p.decide("RPCServer.ExamineMemory", params("{\"Address\":8657611,\"Length\":65536}")).code())
                .isEqualTo(DecisionCode.ARGUMENT_OUT_OF_RANGE);
        assertThat(p.decide("RPCServer.ExamineMemory", params("{\"Address\":18446744073709551615,\"Length\":8}")).allowed())
                .as("uint64 addresses above Long.MAX_VALUE are integers too").isTrue();
    }

    @Test
    void badPoliciesAreRefusedWithTheFix() {
        LoadLimits l = new LoadLimits(64, 64, 1, -1);
        assertThatThrownBy(() -> new DelvePolicy(Set.of("Restart"), Set.of(), 2, false, false, 0, l)).hasMessageContaining("never allowed");
        assertThatThrownBy(() -> new DelvePolicy(Set.of("State"), Set.of("halt"), 2, false, false, 0, l))
                .hasMessageContaining("add Command to methods");
        assertThatThrownBy(() -> new DelvePolicy(Set.of("Command"), Set.of("jump"), 2, false, false, 0, l))
                .hasMessageContaining("unknown Delve command name 'jump'");
        assertThatThrownBy(() -> new DelvePolicy(Set.of("Command"), Set.of("halt"), 2, true, false, 0, l))
                .hasMessageContaining("allowUnsafeCall needs the 'call' command");
        assertThatThrownBy(() -> new LoadLimits(0, 64, 1, -1)).hasMessageContaining("maxStringLen must be between 1");
    }
}
