package io.debuggate.audit.cli;

import io.debuggate.audit.chain.ChainSignatures;
import io.debuggate.audit.chain.ChainVerification;
import io.debuggate.audit.chain.ChainVerifier;
import io.debuggate.audit.node.NodeCredentialFile;
import io.debuggate.audit.store.StoreConnection;
import io.debuggate.audit.store.StoreCredentials;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line verifier of one instance's chain in Elasticsearch.
 *
 * <pre>
 * java -cp debuggate-audit.jar:... io.debuggate.audit.cli.VerifyChain \
 *     --url http://127.0.0.1:9200 --user debuggate_auditor --password-file auditor.pw \
 *     --instance gateway-1 [--from 1] [--to 5000] [--public-key chain-signing.key.pub] [--expect-head 5000]
 * </pre>
 * Instead of {@code --user}/{@code --password-file}, {@code --node-home DIR} reads the auditor
 * identity of a local node. The password may also come from {@code DEBUGGATE_ES_PASSWORD}.
 * Exit code: 0 intact, 1 broken, 2 wrong usage or Elasticsearch unreachable.
 */
public final class VerifyChain {

    private VerifyChain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("verify-chain: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        try (StoreConnection reader = StoreConnection.open(URI.create(options.getOrDefault("url",
                "http://127.0.0.1:9200")), credentials(options))) {
            PublicKey key = options.containsKey("public-key")
                    ? ChainSignatures.readPublicKey(Path.of(options.get("public-key"))) : null;
            ChainVerifier verifier = new ChainVerifier(reader).trustedKey(key);
            if (options.containsKey("expect-head")) {
                verifier.expectHead(Long.parseLong(options.get("expect-head")));
            }
            ChainVerification result = verifier.verify(options.get("instance"),
                    Long.parseLong(options.getOrDefault("from", "1")),
                    options.containsKey("to") ? Long.parseLong(options.get("to")) : Long.MAX_VALUE);
            out.println(result.summary());
            return result.intact() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("verify-chain: " + e.getMessage());
            return 2;
        }
    }

    private static StoreCredentials credentials(Map<String, String> options) throws IOException {
        if (options.containsKey("node-home")) {
            return NodeCredentialFile.load(Path.of(options.get("node-home")).resolve(NodeCredentialFile.FILE_NAME))
                    .auditor();
        }
        String user = options.get("user");
        if (user == null) {
            throw new IllegalArgumentException("give --user and --password-file, or --node-home");
        }
        String password = options.containsKey("password-file")
                ? Files.readString(Path.of(options.get("password-file"))).strip()
                : System.getenv("DEBUGGATE_ES_PASSWORD");
        if (password == null) {
            throw new IllegalArgumentException("no password: give --password-file or set DEBUGGATE_ES_PASSWORD");
        }
        return new StoreCredentials(user, password);
    }

    static Map<String, String> parse(String[] args) {
        List<String> known = List.of("url", "user", "password-file", "node-home", "instance", "from", "to",
                "public-key", "expect-head");
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !known.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            options.put(name, args[++i]);
        }
        if (!options.containsKey("instance")) {
            throw new IllegalArgumentException("--instance is required (the gateway instance id, e.g. gateway-1)");
        }
        for (String number : List.of("from", "to", "expect-head")) {
            if (options.containsKey(number) && !options.get(number).matches("\\d{1,18}")) {
                throw new IllegalArgumentException("--" + number + " '" + options.get(number) + "' is not a sequence number");
            }
        }
        return options;
    }

    static String usage() {
        return "usage: VerifyChain --instance ID [--url URL] (--user NAME --password-file FILE | --node-home DIR)"
                + " [--from N] [--to N] [--public-key FILE] [--expect-head N]";
    }
}
