package io.debuggate.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PrinterTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    String print(OutputFormat format, java.util.function.BiConsumer<Printer, JsonNode> what, String json) {
        StringWriter out = new StringWriter();
        what.accept(new Printer(new PrintWriter(out), format), JSON.readTree(json));
        return out.toString();
    }

    @Test
    void tablesAlignColumnsAndShowMissingAsDash() {
        String table = print(OutputFormat.TABLE, Printer::requests, """
                [{"id":"dr-1","state":"GRANTED","requester":"alice","targetService":"payment-svc","targetInstance":"demo-0",
                  "tools":["pprof","dlv"],"mode":"interactive","createdAt":"2026-01-01T10:00:00Z","grantEnd":"2026-01-01T10:30:00Z"},
                 {"id":"dr-22","state":"PENDING","requester":"carol","target":"orders/x","tools":[]}]""");

        assertThat(table).isEqualTo("""
                ID     STATE    REQUESTER  TARGET              TOOLS      MODE         CREATED               GRANT END
                dr-1   GRANTED  alice      payment-svc/demo-0  pprof,dlv  interactive  2026-01-01T10:00:00Z  2026-01-01T10:30:00Z
                dr-22  PENDING  carol      orders/x            -          -            -                     -
                """);
    }

    @Test
    void anEmptyListSaysSo() {
        assertThat(print(OutputFormat.TABLE, Printer::requests, "[]")).isEqualTo("no requests\n");
        assertThat(print(OutputFormat.JSON, Printer::requests, "[]")).isEqualTo("[ ]\n");
    }

    @Test
    void jsonIsTheGatewaysJsonPrettyPrintedWithNothingDropped() {
        String json = print(OutputFormat.JSON, Printer::request, "{\"id\":\"dr-1\",\"newField\":{\"a\":[1,2]}}");

        assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree("{\"id\":\"dr-1\",\"newField\":{\"a\":[1,2]}}"));
        assertThat(json).contains("\n");
    }

    @Test
    void showPutsKnownFieldsFirstThenUnknownOnesThenSignatures() {
        String shown = print(OutputFormat.TABLE, Printer::request, """
                {"zeta":"last?","reason":"heap grows","id":"dr-1","state":"PENDING","signatures":[]}""");

        assertThat(shown).isEqualTo("""
                id:         dr-1
                state:      PENDING
                reason:     heap grows
                zeta:       last?
                signatures: none yet
                """);
    }

    @Test
    void outcomeIsOneLine() {
        StringWriter out = new StringWriter();
        new Printer(new PrintWriter(out), OutputFormat.TABLE).outcome("approved", "dr-1", JSON.readTree("{\"state\":\"GRANTED\"}"));

        assertThat(out).hasToString("approved dr-1: state GRANTED\n");
    }
}
