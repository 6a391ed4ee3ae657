package io.debuggate.gateway.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A person's browser session on the site, without a browser: the login form, then pages as HTML. */
public final class BrowserSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final URI base;

    private BrowserSession(URI base) {
        this.base = base;
    }

    public static BrowserSession login(URI base, String user) throws IOException, InterruptedException {
        BrowserSession session = new BrowserSession(base);
        String page = session.get("/login").body();
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the login page");
        }
        String csrf = URLEncoder.encode(m.group(1) != null ? m.group(1) : m.group(2), StandardCharsets.UTF_8);
        HttpResponse<String> done = session.postForm("/login", "username=" + user + "&password=demo&_csrf=" + csrf);
        if (done.uri().toString().contains("error")) {
            throw new AssertionError("login of " + user + " refused");
        }
        return session;
    }

    /** {@code body} is already form-encoded. */
    public HttpResponse<String> postForm(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
