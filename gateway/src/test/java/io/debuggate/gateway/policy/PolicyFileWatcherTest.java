package io.debuggate.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.policies.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code debuggate.policy.watch}: an edited file is applied by itself; a broken one is refused once. */
class PolicyFileWatcherTest {

    @TempDir
    Path dir;

    final List<AuditRecord> recorded = new CopyOnWriteArrayList<>();
    final AuditTrail audit = r -> {
        recorded.add(r);
        return null;
    };

    @Test
    void aReplacedFileIsReloadedAndABrokenOneIsRefusedOncePerChange() throws Exception {
        String text = PolicyReloadTest.defaultText();
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, text);
        ActivePolicy active = new ActivePolicy(new ActivePolicy.Version(PolicyLoader.read(file), Clock.systemUTC().instant(),
                "system"), null);
        String original = active.version().sha256();
        PolicyFileWatcher watcher = new PolicyFileWatcher(new PolicyReloader(active,
                new ActiveMasking(active.current().masking(), new byte[32]), file, audit, Clock.systemUTC()), file,
                Duration.ofMillis(50));
        watcher.start();
        try {
            // written next to it and renamed over it, as editors and config management do
            // with the same size and, as within one file-system clock tick, the same modification time
            java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(file);
            Path next = dir.resolve("policy.yaml.new");
            Files.writeString(next, text.replace("maxGrantDuration: 2h", "maxGrantDuration: 1h"));
            Files.setLastModifiedTime(next, modified);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            Awaitility.await("the watcher applies the file").atMost(Duration.ofSeconds(10))
                    .until(() -> !active.version().sha256().equals(original));
            assertThat(active.version().loadedBy()).isEqualTo(PolicyFileWatcher.ACTOR);
            assertThat(active.current().approvals().maxGrantDuration()).isEqualTo(Duration.ofHours(1));
            assertThat(recorded).singleElement().satisfies(r -> {
                assertThat(r.action()).isEqualTo(AuditActions.POLICY_CHANGED);
                assertThat(r.user()).isEqualTo(PolicyFileWatcher.ACTOR);
                assertThat(r.details().get("diff")).isEqualTo(List.of("approvals.maxGrantDuration: 2h → 1h"));
            });
            String inForce = active.version().sha256();

            Files.writeString(file, text.replace("maxGrantDuration: 2h", "maxGrantDuration: [1h"));
            Awaitility.await("the broken file is refused").atMost(Duration.ofSeconds(10)).until(() -> recorded.size() == 2);
            Thread.sleep(500);
            assertThat(recorded).as("refused once, not at every poll").hasSize(2);
            assertThat(recorded.get(1).action()).isEqualTo(AuditActions.POLICY_RELOAD_REFUSED);
            assertThat(recorded.get(1).reason()).contains("malformed YAML").contains(file.toAbsolutePath().toString());
            assertThat(active.version().sha256()).as("the old policy stays").isEqualTo(inForce);
        } finally {
            watcher.stop();
        }
        assertThat(watcher.isRunning()).isFalse();
    }
}
