package io.debuggate.approval.internal;

import io.debuggate.approval.Signature;
import io.debuggate.approval.SignatureDecision;
import io.debuggate.approval.SignatureRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows of {@code dg_approval_signature}. Signatures are never deleted: an edit only voids them. */
public class SignatureStore {

    private final JdbcClient jdbc;

    public SignatureStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String requestId, Signature s) {
        jdbc.sql("INSERT INTO dg_approval_signature (id, request_id, signer_role, signer, signer_group, decision, remark, "
                        + "content_hash, signed_at, voided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Ids.signatureId(), requestId, s.role().name(), s.signer(), s.group(), s.decision().name(), s.comment(),
                        s.contentHash(), Timestamps.toDb(s.signedAt()), Timestamps.toDb(s.voidedAt()))
                .update();
    }

    /** All signatures of the request in signing order, voided ones included. */
    public List<Signature> forRequest(String requestId) {
        return jdbc.sql("SELECT * FROM dg_approval_signature WHERE request_id = ? ORDER BY signed_at, id")
                .param(requestId).query(SignatureStore::map).list();
    }

    /** Voids every signature that still counts; returns how many. */
    public int voidAll(String requestId, Instant now) {
        return jdbc.sql("UPDATE dg_approval_signature SET voided_at = ? WHERE request_id = ? AND voided_at IS NULL")
                .params(Timestamps.toDb(now), requestId).update();
    }

    private static Signature map(ResultSet rs, int row) throws SQLException {
        return new Signature(SignatureRole.valueOf(rs.getString("signer_role")), rs.getString("signer"), rs.getString("signer_group"),
                SignatureDecision.valueOf(rs.getString("decision")), rs.getString("remark"), rs.getString("content_hash"),
                Timestamps.read(rs, "signed_at"), Timestamps.readNullable(rs, "voided_at"));
    }
}
