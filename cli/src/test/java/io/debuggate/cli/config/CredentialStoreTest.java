package io.debuggate.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debuggate.cli.DgateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

    static final GatewayAddress LOCAL = GatewayAddress.parse("http://127.0.0.1:8080");
    static final GatewayAddress PROD = GatewayAddress.parse("https://gw.example.com");

    @TempDir
    Path home;

    StoredCredentials alice(String token) {
        return new StoredCredentials("alice", token, "refresh-" + token, Instant.parse("2030-01-01T00:00:00Z"),
                "http://127.0.0.1:8080/oauth2/token", "dgate-cli");
    }

    @Test
    void savedCredentialsComeBackPerGateway() {
        CredentialStore store = new CredentialStore(home.resolve("dgate"));
        store.save(LOCAL, alice("a1"));
        store.save(PROD, alice("p1"));

        assertThat(store.load(GatewayAddress.parse("http://127.0.0.1:8080/"))).contains(alice("a1"));
        assertThat(store.load(PROD)).contains(alice("p1"));
        assertThat(store.load(GatewayAddress.parse("http://other:1"))).isEmpty();
    }

    @Test
    void theFileIsOwnerOnlyAndItsDirectoryToo() throws Exception {
        Path dir = home.resolve("config").resolve("dgate");
        CredentialStore store = new CredentialStore(dir);
        store.save(LOCAL, alice("a1"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temp file left behind").containsExactly(store.file());
        }
    }

    @Test
    void rewritingKeepsThePermissionsAndReplacesTheEntry() throws Exception {
        CredentialStore store = new CredentialStore(home);
        store.save(LOCAL, alice("a1"));
        store.save(LOCAL, alice("a2"));

        assertThat(store.load(LOCAL)).contains(alice("a2"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void aFileOthersCanReadIsRefusedWithTheChmodFix() throws Exception {
        CredentialStore store = new CredentialStore(home);
        store.save(LOCAL, alice("a1"));
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> store.load(LOCAL))
                .isInstanceOf(DgateException.class)
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600 " + store.file());
    }

    @Test
    void removeForgetsOneGatewayOnly() {
        CredentialStore store = new CredentialStore(home);
        store.save(LOCAL, alice("a1"));
        store.save(PROD, alice("p1"));

        assertThat(store.remove(LOCAL)).isTrue();
        assertThat(store.remove(LOCAL)).isFalse();
        assertThat(store.load(LOCAL)).isEmpty();
        assertThat(store.load(PROD)).isPresent();
    }

    @Test
    void aCorruptFileNamesTheFix() throws Exception {
        CredentialStore store = new CredentialStore(home);
        Files.writeString(store.file(), "{ not json");
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> store.load(LOCAL))
                .isInstanceOf(DgateException.class)
                .hasMessageContaining("delete it and run dgate login");
    }

    @Test
    void tokensNeverShowInToString() {
        assertThat(alice("secret-token").toString()).doesNotContain("secret-token").contains("alice");
    }
}
