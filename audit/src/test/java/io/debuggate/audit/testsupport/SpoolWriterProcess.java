package io.debuggate.audit.testsupport;

import io.debuggate.audit.AuditReceipt;
import io.debuggate.audit.DurableAuditTrail;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.store.StoreCredentials;
import java.net.URI;
import java.nio.file.Path;

/**
 * A stand-in gateway process for the SIGKILL test: records events into a spool while its
 * Elasticsearch is unreachable, reports the head, and waits to be killed.
 *
 * <p>Arguments: spool directory, instance id, number of events.
 */
public final class SpoolWriterProcess {

    private SpoolWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path spool = Path.of(args[0]);
        String instance = args[1];
        int count = Integer.parseInt(args[2]);
        StoreConnection nowhere = StoreConnection.open(URI.create("http://127.0.0.1:9"),
                new StoreCredentials("debuggate_writer", "unused-password"));
        DurableAuditTrail trail = AuditTestTrails.open(instance, spool, nowhere);
        AuditReceipt last = null;
        for (int i = 1; i <= count; i++) {
            last = trail.record(AuditTestTrails.rpc("dave", "s-killed", i));
        }
        System.out.println("RECORDED " + last.sequence() + " " + last.hash());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
