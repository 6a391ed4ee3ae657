package io.debuggate.gateway.web;

import io.debuggate.approval.request.DraftVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How to use a live grant: the {@code dgate connect} command, what to run against the local ports
 * it opens, and browser download links for each granted profile (served by the pprof route under
 * {@code /ui/sessions/...}, which uses the login session instead of a token).
 *
 * @param gateway this gateway's base URL as the browser reached it
 */
public record SessionHelp(String sessionId, String gateway, List<String> commands, List<Download> downloads) {

    /** Suggested local ports, so the commands can be pasted as they are. */
    static final int PPROF_PORT = 16161;
    static final int DLV_PORT = 16162;
    static final int DAP_PORT = 16163;
    private static final String DEFAULT_GATEWAY = "http://127.0.0.1:8080";

    /** One link: a profile name, its URL and whether the answer is masked text rather than a binary profile. */
    public record Download(String profile, String url, boolean text) {
    }

    static SessionHelp of(String sessionId, String gateway, Set<String> tools, List<String> profiles) {
        List<String> commands = new ArrayList<>();
        if (!DEFAULT_GATEWAY.equals(gateway)) {
            commands.add("export DGATE_GATEWAY=" + gateway);
        }
        StringBuilder connect = new StringBuilder("dgate connect ").append(sessionId);
        if (tools.contains(DraftVocabulary.PPROF)) {
            connect.append(" --pprof-port ").append(PPROF_PORT);
        }
        if (tools.contains(DraftVocabulary.DLV)) {
            connect.append(" --dlv-port ").append(DLV_PORT);
        }
        if (tools.contains(DraftVocabulary.DAP)) {
            connect.append(" --dap-port ").append(DAP_PORT);
        }
        commands.add(connect.toString());
        List<Download> downloads = new ArrayList<>();
        if (tools.contains(DraftVocabulary.PPROF)) {
            String local = "http://127.0.0.1:" + PPROF_PORT + "/debug/pprof/";
            for (String profile : profiles) {
                commands.add("go tool pprof " + local + query(profile));
                downloads.add(new Download(profile, "/ui/sessions/" + sessionId + "/pprof/" + query(profile), false));
                if (profile.equals("goroutine")) {
                    downloads.add(new Download("goroutine (text)", "/ui/sessions/" + sessionId + "/pprof/goroutine?debug=1", true));
                }
            }
        }
        if (tools.contains(DraftVocabulary.DLV)) {
            commands.add("dlv connect 127.0.0.1:" + DLV_PORT);
        }
        if (tools.contains(DraftVocabulary.DAP)) {
            commands.add("# VS Code / GoLand: attach, mode remote, host 127.0.0.1, port " + DAP_PORT);
        }
        return new SessionHelp(sessionId, gateway, List.copyOf(commands), List.copyOf(downloads));
    }

    /** The CPU profile and the trace get a short window so a click does not wait half a minute. */
    private static String query(String profile) {
        return switch (profile) {
            case "profile" -> "profile?seconds=10";
            case "trace" -> "trace?seconds=1";
            default -> profile;
        };
    }
}
