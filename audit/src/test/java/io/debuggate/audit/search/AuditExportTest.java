package io.debuggate.audit.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditExportTest {

    @Test
    void quotesCellsAsRfc4180() {
        assertThat(AuditExport.cell("plain")).isEqualTo("plain");
        assertThat(AuditExport.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditExport.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(AuditExport.cell(null)).isEmpty();
    }

    @Test
    void defusesSpreadsheetFormulas() {
        assertThat(AuditExport.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditExport.cell("+1")).isEqualTo("'+1");
        assertThat(AuditExport.cell("@sum")).isEqualTo("'@sum");
    }
}
