package io.debuggate.approval;

import static io.debuggate.approval.support.Cast.ALICE;
import static io.debuggate.approval.support.Cast.BOB;
import static io.debuggate.approval.support.Cast.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.approval.support.Drafts;
import io.debuggate.approval.support.TestApplication;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The production database: our tables and Flowable's on PostgreSQL at 127.0.0.1:5432, in a fresh
 * database per run (dropped afterwards). The application is stopped between the first and the
 * second signature; the request and the first signature must survive, and the second completes it.
 */
class PostgresRestartTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String ADMIN_URL = SERVER + "test";
    private static final String USER = "postgres";
    private static final String PREFIX = "aw_test_";
    private static String database;

    @BeforeAll
    static void freshDatabase() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            dropLeftovers(s);
            byte[] random = new byte[4];
            new SecureRandom().nextBytes(random);
            database = PREFIX + (System.currentTimeMillis() / 1000) + "_" + HexFormat.of().formatHex(random);
            s.execute("CREATE DATABASE " + database);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    void requestAndFirstSignatureSurviveARestartAndTheSecondSignatureCompletesIt() {
        String id = withApplication(ctx -> {
            ApprovalService approvals = ctx.getBean(ApprovalService.class);
            DebugRequest request = approvals.create(ALICE, Drafts.interactive());
            DebugRequest signed = approvals.approve(BOB, request.id(), "scope ok");
            assertThat(signed.state()).isEqualTo(RequestState.PARTIALLY_SIGNED);
            return request.id();
        });

        withApplication(ctx -> {
            ApprovalService approvals = ctx.getBean(ApprovalService.class);
            GrantCheck grants = ctx.getBean(GrantCheck.class);
            DebugRequest after = approvals.get(id);
            assertThat(after.state()).as("state after restart").isEqualTo(RequestState.PARTIALLY_SIGNED);
            assertThat(after.validSignatures()).as("bob's signature after restart").singleElement().satisfies(s -> {
                assertThat(s.signer()).isEqualTo("bob");
                assertThat(s.role()).isEqualTo(SignatureRole.DEV_LEAD);
                assertThat(s.contentHash()).isEqualTo(after.contentHash());
            });
            assertThat(ctx.getBean(TaskService.class).createTaskQuery().processInstanceBusinessKey(id).list())
                    .as("only the ops-lead task is still open in Flowable").extracting(t -> t.getTaskDefinitionKey())
                    .containsExactly("opsLeadSignature");
            assertThat(approvals.pendingFor(CAROL)).extracting(p -> p.request().id()).contains(id);
            assertThat(approvals.pendingFor(BOB)).extracting(p -> p.request().id()).doesNotContain(id);

            DebugRequest granted = approvals.approve(CAROL, id, "dashboards ready");

            assertThat(granted.state()).isEqualTo(RequestState.GRANTED);
            assertThat(granted.grant()).isNotNull();
            assertThat(grants.activeGrant(id, "alice", "dlv")).isPresent();
            approvals.revoke(BOB, id, "done");
            assertThat(grants.activeGrant(id, "alice", "dlv")).as("revoked, no cache").isEmpty();
            return null;
        });
    }

    private static <T> T withApplication(Function<ConfigurableApplicationContext, T> work) {
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(TestApplication.class)
                .properties("spring.datasource.url=" + SERVER + database, "spring.datasource.username=" + USER,
                        "spring.datasource.password=", "spring.main.banner-mode=off")
                .run()) {
            return work.apply(ctx);
        }
    }

    private static Connection admin() {
        try {
            DriverManager.setLoginTimeout(5);
            return DriverManager.getConnection(ADMIN_URL, USER, "");
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + ADMIN_URL + " as user '" + USER + "' without password ("
                    + e.getMessage() + "). Start it (Debian: apt-get install -y postgresql && service postgresql start) with trust "
                    + "auth for 127.0.0.1 and a database 'test', then rerun.", e);
        }
    }

    /** Databases of runs that died before their cleanup, older than an hour (a concurrent run's is younger). */
    private static void dropLeftovers(Statement s) throws SQLException {
        long cutoff = System.currentTimeMillis() / 1000 - 3600;
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.substring(PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("[0-9]+") && Long.parseLong(parts[0]) < cutoff) {
                    stale.add(name);
                }
            }
        }
        for (String name : stale) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
