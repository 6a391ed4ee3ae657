package io.debuggate.gateway.delve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.policies.PolicyDecision;
import io.debuggate.policies.PolicyLoader;
import io.debuggate.policies.delve.DelvePolicy;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or sloppy client sends, and what the gateway makes of it. Each row is a message
 * Go's decoder would read differently from a naive Java parser (debug-protocols.md §1.5).
 */
class StrictRpcParserTest {

    private static final StrictRpcParser PARSER = new StrictRpcParser();
    private static final RpcCodec CODEC = new RpcCodec();
    private static final DelvePolicy SNAPSHOT = PolicyLoader.loadDefault().mode("snapshot").delve();

    static Stream<Arguments> refusedEnvelopes() {
        return Stream.of(
                Arguments.of("duplicate method", "{\"method\":\"RPCServer.State\",\"method\":\"RPCServer.Detach\",\"params\":[{}],\"id\":1}",
                        "duplicate key (Duplicate Object property \"method\"): Delve would let the last one win"),
                Arguments.of("case-variant envelope key", "{\"METHOD\":\"RPCServer.State\",\"params\":[{}],\"id\":1}",
                        "keys are case-sensitive here, send 'method'"),
                Arguments.of("params as an object", "{\"method\":\"RPCServer.State\",\"params\":{\"NonBlocking\":true},\"id\":1}",
                        "params must be an array with one object, not object"),
                Arguments.of("params missing", "{\"method\":\"RPCServer.State\",\"id\":1}", "params must be an array"),
                Arguments.of("two params", "{\"method\":\"RPCServer.State\",\"params\":[{},{}],\"id\":1}", "has 2 elements"),
                Arguments.of("params[0] a string", "{\"method\":\"RPCServer.State\",\"params\":[\"x\"],\"id\":1}", "params[0] must be an object"),
                Arguments.of("unknown envelope key", "{\"method\":\"RPCServer.State\",\"params\":[{}],\"id\":1,\"jsonrpc\":\"2.0\"}",
                        "unknown request key 'jsonrpc'"),
                Arguments.of("no method", "{\"params\":[{}],\"id\":1}", "needs a method string"),
                Arguments.of("trailing garbage", "{\"method\":\"RPCServer.State\",\"params\":[{}],\"id\":1} x", "malformed JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedEnvelopes")
    void refusedEnvelopesNameTheProblem(String name, String message, String expected) {
        assertThatThrownBy(() -> PARSER.parse(message.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRpcException.class).hasMessageContaining(expected);
    }

    @Test
    void theIdIsKeptForTheErrorReplyWhenItCouldBeRead() {
        try {
            PARSER.parse("{\"method\":\"RPCServer.State\",\"params\":{},\"id\":\"abc\"}".getBytes(StandardCharsets.UTF_8));
        } catch (MalformedRpcException e) {
            assertThat(e.id()).isNotNull();
            assertThat(new String(CODEC.reply(e.id(), null, e.getMessage()), StandardCharsets.UTF_8))
                    .startsWith("{\"id\":\"abc\",\"result\":null,\"error\":\"params must be");
            return;
        }
        throw new AssertionError("not refused");
    }

    /** {"NAME":"halt"} halts in Go; {"name":"halt","Name":"continue"} continues. Both are refused. */
    @Test
    void caseVariantAndDuplicateParameterKeysAreRefusedByThePolicy() {
        RpcRequest upper = PARSER.parse(bytes("{\"method\":\"RPCServer.Command\",\"params\":[{\"NAME\":\"halt\"}],\"id\":1}"));
        PolicyDecision d1 = SNAPSHOT.decide(upper.method(), upper.params());
        assertThat(d1.allowed()).isFalse();
        assertThat(d1.message()).contains("send 'name'");
        RpcRequest twin = PARSER.parse(bytes("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"halt\",\"Name\":\"continue\"}],\"id\":2}"));
        assertThat(SNAPSHOT.decide(twin.method(), twin.params()).allowed()).isFalse();
        assertThatThrownBy(() -> PARSER.parse(bytes("{\"method\":\"RPCServer.Command\",\"params\":[{\"name\":\"halt\",\"name\":\"continue\"}],\"id\":3}")))
                .hasMessageContaining("Duplicate Object property \"name\"").hasMessageContaining("send each key once");
    }

    @Test
    void forwardedRequestsAreRebuiltNotCopied() {
        RpcRequest request = PARSER.parse(bytes("  {\"id\": \"x-1\" , \"params\":[ {\"NonBlocking\" : true} ], \"method\":\"RPCServer.State\"}"));
        assertThat(new String(CODEC.request(request, 7), StandardCharsets.UTF_8))
                .isEqualTo("{\"method\":\"RPCServer.State\",\"params\":[{\"NonBlocking\":true}],\"id\":7}\n");
        RpcRequest empty = PARSER.parse(bytes("{\"method\":\"RPCServer.IsMulticlient\",\"params\":[],\"id\":0}"));
        assertThat(new String(CODEC.request(empty, 8), StandardCharsets.UTF_8))
                .isEqualTo("{\"method\":\"RPCServer.IsMulticlient\",\"params\":[{}],\"id\":8}\n");
    }

    @Test
    void unsignedSixtyFourBitAddressesSurviveTheRoundTrip() {
        RpcRequest request = PARSER.parse(bytes("{\"method\":\"RPCServer.ExamineMemory\",\"params\":[{\"Address\":13758215386640154880,\"Length\":16}],\"id\":1}"));
        assertThat(new String(CODEC.request(request, 1), StandardCharsets.UTF_8)).contains("\"Address\":13758215386640154880");
    }

    @Test
    void unknownMethodsAreDeniedWithTheRightSpellingHint() {
        RpcRequest request = PARSER.parse(bytes("{\"method\":\"RPCServer.Nope\",\"params\":[{}],\"id\":1}"));
        assertThat(SNAPSHOT.decide(request.method(), request.params()).message()).contains("unknown Delve method");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
