package io.debuggate.audit.node;

import io.debuggate.audit.node.LocalElasticsearchConfig.NodeCredentials;
import io.debuggate.audit.store.AuditStoreResources;
import io.debuggate.audit.store.StoreCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstraps the node's users in the file realm with {@code bin/elasticsearch-users}. Each call of
 * that tool starts a JVM, so a marker with a digest of the wanted users skips the work when
 * nothing changed since the last run.
 */
final class FileRealmUsers {

    private static final Logger log = LoggerFactory.getLogger(FileRealmUsers.class);
    static final String MARKER = "config/.debuggate-users";

    private FileRealmUsers() {
    }

    static void ensure(Path home, NodeCredentials credentials, NodeAccount account, Path jdk) {
        Map<StoreCredentials, String> wanted = new LinkedHashMap<>();
        wanted.put(credentials.admin(), "superuser");
        wanted.put(credentials.writer(), AuditStoreResources.WRITER_ROLE);
        wanted.put(credentials.auditor(), AuditStoreResources.READER_ROLE);
        String digest = digest(wanted);
        Path marker = home.resolve(MARKER);
        try {
            if (Files.isRegularFile(marker) && Files.readString(marker).strip().equals(digest)) {
                return;
            }
            Set<String> existing = existingUsers(home);
            for (Map.Entry<StoreCredentials, String> user : wanted.entrySet()) {
                String name = user.getKey().username();
                if (existing.contains(name)) {
                    tool(home, account, jdk, List.of("userdel", name));
                }
                tool(home, account, jdk, List.of("useradd", name, "-p", user.getKey().password(), "-r", user.getValue()));
                log.info("elasticsearch.users added user={} role={}", name, user.getValue());
            }
            Files.writeString(marker, digest + "\n");
        } catch (IOException e) {
            throw new LocalElasticsearchException(DiskTrouble.describe(e, "bootstrapping users in " + home), e);
        }
    }

    private static Set<String> existingUsers(Path home) throws IOException {
        Path users = home.resolve("config/users");
        if (!Files.isRegularFile(users)) {
            return Set.of();
        }
        return Files.readAllLines(users).stream()
                .filter(line -> line.contains(":"))
                .map(line -> line.substring(0, line.indexOf(':')))
                .collect(Collectors.toSet());
    }

    private static void tool(Path home, NodeAccount account, Path jdk, List<String> arguments) {
        List<String> command = new java.util.ArrayList<>();
        command.add(home.resolve("bin/elasticsearch-users").toString());
        command.addAll(arguments);
        ProcessRunner.Result result = ProcessRunner.run(account.wrap(command), home, NodeLauncher.environment(home, jdk));
        if (result.exitCode() != 0) {
            String shown = String.join(" ", arguments.subList(0, 2));
            throw new LocalElasticsearchException("bin/elasticsearch-users " + shown + " failed with exit code "
                    + result.exitCode() + ": " + result.output().strip().replace(credentialsHint(arguments), "***")
                    + "; check that " + home + " belongs to user '" + account.user() + "' and that the JDK runs");
        }
    }

    private static String credentialsHint(List<String> arguments) {
        int index = arguments.indexOf("-p");
        return index >= 0 ? arguments.get(index + 1) : "\u0000";
    }

    private static String digest(Map<StoreCredentials, String> wanted) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            wanted.forEach((user, role) -> sha.update((user.username() + ":" + user.password() + ":" + role + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
