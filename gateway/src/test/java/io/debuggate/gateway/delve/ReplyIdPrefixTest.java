package io.debuggate.gateway.delve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyIdPrefixTest {

    private static final RpcCodec CODEC = new RpcCodec();

    /** The fast path reads Go's own spelling; everything else goes to the parser, and both answer alike. */
    @ParameterizedTest(name = "{0} -> fast {1}, peekId {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"id\":41,\"result\":{},\"error\":null}         | 41                   | 41",
            "{\"id\":0,\"result\":null,\"error\":null}        | 0                    | 0",
            "{\"id\":7}                                       | 7                    | 7",
            "{\"id\":999999999999999999,\"result\":null}      | 999999999999999999   | 999999999999999999",
            // the parser's territory: same answers as before the fast path
            "{\"id\":1234567890123456789,\"result\":null}     | UNREAD               | 1234567890123456789",
            "{\"id\":99999999999999999999,\"result\":null}    | UNREAD               | -1",
            "{ \"id\" : 5 , \"result\":null}                  | UNREAD               | 5",
            "{\"\\u0069d\":6,\"result\":null}                 | UNREAD               | 6",
            "{\"id\":-3,\"result\":null}                      | UNREAD               | -3",
            "{\"id\":01,\"result\":null}                      | UNREAD               | -1",
            "{\"id\":1.5,\"result\":null}                     | UNREAD               | -1",
            "{\"id\":1e3,\"result\":null}                     | UNREAD               | -1",
            "{\"id\":\"x\",\"result\":null}                   | UNREAD               | -1",
            "{\"id\":null,\"result\":null}                    | UNREAD               | -1",
            "{\"result\":null,\"id\":3}                       | UNREAD               | -1",
            "{\"ID\":4,\"result\":null}                       | UNREAD               | -1",
            "{\"id\":12                                       | UNREAD               | 12",
            "{\"id\":                                         | UNREAD               | -1",
            "garbage                                          | UNREAD               | -1",
    })
    void readsGosSpellingAndLeavesEveryOtherToTheParser(String reply, String fast, long peeked) {
        byte[] bytes = reply.strip().getBytes(StandardCharsets.UTF_8);
        long expectedFast = fast.equals("UNREAD") ? ReplyIdPrefix.UNREAD : Long.parseLong(fast);
        assertThat(ReplyIdPrefix.read(bytes)).isEqualTo(expectedFast);
        assertThat(CODEC.peekId(bytes)).isEqualTo(peeked);
    }
}
