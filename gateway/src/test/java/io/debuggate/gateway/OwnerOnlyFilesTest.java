package io.debuggate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @Test
    void secretsAreReadableByTheOwnerOnlyAndLeaveNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("keys/hmac.key");
        OwnerOnlyFiles.write(key, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(key)).containsExactly(1, 2, 3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(dir.resolve("keys")).isDirectoryNotContaining("glob:**.tmp");
    }
}
