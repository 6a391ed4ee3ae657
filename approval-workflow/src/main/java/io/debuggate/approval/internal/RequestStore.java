package io.debuggate.approval.internal;

import io.debuggate.approval.ConcurrentRequestChangeException;
import io.debuggate.approval.RequestState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows of {@code dg_approval_request}. Every write checks the row version it read, so two
 * concurrent signatures (or a signature racing the expiry timer) cannot both win. {@link #move} is
 * the only method that changes a request's state, and it takes a move from the legal table.
 */
public class RequestStore {

    private static final String COLUMNS = "id, requester, draft_json, content_hash, request_state, created_at, "
            + "approval_deadline, updated_at, process_instance_id, row_version";

    private final JdbcClient jdbc;

    public RequestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(RequestRecord r) {
        jdbc.sql("INSERT INTO dg_approval_request (id, requester, target_service, target_instance, draft_json, content_hash, "
                        + "request_state, created_at, approval_deadline, updated_at, process_instance_id, row_version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.requester(), r.draft().targetService(), r.draft().targetInstance(), DraftJson.write(r.draft()),
                        r.contentHash(), r.state().name(), Timestamps.toDb(r.createdAt()), Timestamps.toDb(r.approvalDeadline()),
                        Timestamps.toDb(r.updatedAt()), r.processInstanceId(), r.version())
                .update();
    }

    public Optional<RequestRecord> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dg_approval_request WHERE id = ?").param(id).query(RequestStore::map).optional();
    }

    public List<RequestRecord> byRequester(String requester) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dg_approval_request WHERE requester = ? ORDER BY created_at DESC, id")
                .param(requester).query(RequestStore::map).list();
    }

    public List<RequestRecord> byProcessInstanceIds(List<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM dg_approval_request WHERE process_instance_id IN (:ids) ORDER BY created_at, id")
                .param("ids", processInstanceIds).query(RequestStore::map).list();
    }

    /** Moves the request along a legal transition; fails if someone else changed it since {@code current} was read. */
    public RequestRecord move(RequestRecord current, StateTransition transition, Instant now) {
        if (current.state() != transition.from()) {
            throw new IllegalStateException("request " + current.id() + " is " + current.state() + ", not " + transition.from()
                    + " as " + transition + " requires");
        }
        RequestRecord next = current.withState(transition.to(), now);
        int rows = jdbc.sql("UPDATE dg_approval_request SET request_state = ?, updated_at = ?, row_version = ? "
                        + "WHERE id = ? AND row_version = ? AND request_state = ?")
                .params(next.state().name(), Timestamps.toDb(now), next.version(), current.id(), current.version(), current.state().name())
                .update();
        requireOneRow(rows, current.id());
        return next;
    }

    /** Replaces the content after an edit; the state is left alone (see {@link #move}). */
    public RequestRecord replaceDraft(RequestRecord current, io.debuggate.approval.DebugRequestDraft draft, String hash, Instant now) {
        RequestRecord next = current.withDraft(draft, hash, now);
        int rows = jdbc.sql("UPDATE dg_approval_request SET draft_json = ?, content_hash = ?, target_service = ?, target_instance = ?, "
                        + "updated_at = ?, row_version = ? WHERE id = ? AND row_version = ?")
                .params(DraftJson.write(draft), hash, draft.targetService(), draft.targetInstance(), Timestamps.toDb(now),
                        next.version(), current.id(), current.version())
                .update();
        requireOneRow(rows, current.id());
        return next;
    }

    /** Bumps the version without other change, so a signature on an unchanged state still serializes with its sibling. */
    public RequestRecord touch(RequestRecord current, Instant now) {
        RequestRecord next = current.withState(current.state(), now);
        int rows = jdbc.sql("UPDATE dg_approval_request SET updated_at = ?, row_version = ? WHERE id = ? AND row_version = ?")
                .params(Timestamps.toDb(now), next.version(), current.id(), current.version())
                .update();
        requireOneRow(rows, current.id());
        return next;
    }

    public RequestRecord attachProcess(RequestRecord current, String processInstanceId) {
        jdbc.sql("UPDATE dg_approval_request SET process_instance_id = ? WHERE id = ?").params(processInstanceId, current.id()).update();
        return current.withProcessInstance(processInstanceId);
    }

    private static void requireOneRow(int rows, String id) {
        if (rows != 1) {
            throw new ConcurrentRequestChangeException(id);
        }
    }

    private static RequestRecord map(ResultSet rs, int row) throws SQLException {
        return new RequestRecord(rs.getString("id"), rs.getString("requester"), DraftJson.read(rs.getString("draft_json")),
                rs.getString("content_hash"), RequestState.valueOf(rs.getString("request_state")), Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "approval_deadline"), Timestamps.read(rs, "updated_at"), rs.getString("process_instance_id"),
                rs.getInt("row_version"));
    }
}
