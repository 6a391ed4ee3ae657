package io.debuggate.approval.internal;

import io.debuggate.approval.GrantWindow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows of {@code dg_approval_grant}, one per granted request, read by primary key on every check. */
public class GrantStore {

    private final JdbcClient jdbc;

    public GrantStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(GrantRecord g) {
        jdbc.sql("INSERT INTO dg_approval_grant (request_id, grantee, target_service, target_instance, tools, grant_mode, "
                        + "pprof_profiles, starts_at, ends_at, grant_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(g.requestId(), g.grantee(), g.targetService(), g.targetInstance(), String.join(",", new TreeSet<>(g.tools())),
                        g.mode(), String.join(",", g.pprofProfiles()), Timestamps.toDb(g.window().startsAt()),
                        Timestamps.toDb(g.window().endsAt()), g.state().name())
                .update();
    }

    public Optional<GrantRecord> find(String requestId) {
        return jdbc.sql("SELECT * FROM dg_approval_grant WHERE request_id = ?").param(requestId).query(GrantStore::map).optional();
    }

    /** Ends an active grant; returns false when it was no longer active (already expired or revoked). */
    public boolean end(String requestId, GrantState to, Instant at, String by, @Nullable String reason) {
        return jdbc.sql("UPDATE dg_approval_grant SET grant_state = ?, ended_at = ?, ended_by = ?, end_reason = ? "
                        + "WHERE request_id = ? AND grant_state = ?")
                .params(to.name(), Timestamps.toDb(at), by, reason, requestId, GrantState.ACTIVE.name())
                .update() == 1;
    }

    private static GrantRecord map(ResultSet rs, int row) throws SQLException {
        return new GrantRecord(rs.getString("request_id"), rs.getString("grantee"), rs.getString("target_service"),
                rs.getString("target_instance"), Set.copyOf(split(rs.getString("tools"))), rs.getString("grant_mode"),
                split(rs.getString("pprof_profiles")),
                new GrantWindow(Timestamps.read(rs, "starts_at"), Timestamps.read(rs, "ends_at")),
                GrantState.valueOf(rs.getString("grant_state")), Timestamps.readNullable(rs, "ended_at"),
                rs.getString("ended_by"), rs.getString("end_reason"));
    }

    private static List<String> split(String csv) {
        return csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }
}
