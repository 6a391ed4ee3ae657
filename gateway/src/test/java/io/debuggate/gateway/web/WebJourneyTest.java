package io.debuggate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.gateway.support.GatewayClient;
import io.debuggate.gateway.support.GatewayIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI end to end in headless Chromium, each demo user signing in through the real login
 * page: Alice files a request in the form (by keyboard), Bob and Carol sign in their inboxes while
 * Alice's open page turns to "granted" by itself, Alice gets the connect command and a profile, Dave
 * finds every step in the audit search and the timeline and verifies the chain; a rejected and an
 * expired request show as such. Screenshots of every page go to target/screenshots.
 */
class WebJourneyTest extends GatewayIntegrationTest {

    private static final Duration TRAIL = Duration.ofSeconds(30);

    @Test
    void aSessionFromTheFormToTheAuditTrail() throws Exception {
        awaitDemoTarget();
        GatewayClient gw = gateway();
        String base = gw.base().toString();
        // a one-minute grant, made first so that it has run out by the end of the walk
        String shortGrant = grantViaApi(gw, 1);

        String id;
        try (HeadlessChromium alice = HeadlessChromium.open(base, "en-US")) {
            alice.get("/requests/new");
            assertThat(alice.driver().getCurrentUrl()).as("pages need a sign-in").contains("/login");
            alice.screenshot("00-login");
            alice.login("alice");
            alice.clickThrough("nav a[href='/requests/new']");
            assertThat(alice.text("h1")).isEqualTo("New debug request");
            assertThat(unlabelledControls(alice, "#request-form")).isEmpty();
            assertThat(tabStops(alice, "target", "submit")).containsSubsequence("target", "tools-first", "tool-dlv",
                    "tool-dap", "pprofProfiles-first", "profile-goroutine", "profile-heap", "mode-first", "reason",
                    "ticket", "changeScope", "rollbackSteps", "expectedImpact", "expectedImpactMinutes",
                    "monitoringChecks", "requestedDurationMinutes", "submit");
            alice.screenshot("01-request-form");

            // a request that says too little: every problem at once, next to its field, focus on the summary
            new Select(alice.find("#target")).selectByValue("payment-svc/demo-0");
            alice.find("#reason").sendKeys("too short");
            alice.find("#submit").sendKeys(Keys.ENTER);
            alice.waitUntil(d -> !alice.findAll("#error-summary").isEmpty(), "the error summary appears");
            assertThat(alice.script("return document.activeElement.id")).isEqualTo("error-summary");
            assertThat(alice.text("#error-summary")).contains("Reason").contains("Ticket").contains("Rollback steps");
            assertThat(alice.text("#reason-error")).contains("at least 10");
            assertThat(alice.find("#reason").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(alice.find("#reason").getDomProperty("value")).as("what she typed is kept").isEqualTo("too short");
            alice.screenshot("02-request-form-errors");

            // the whole request, typed from the keyboard
            type(alice, "#reason", Keys.chord(Keys.CONTROL, "a"), "heap grows 200 MB per hour since the 10:00 deploy");
            type(alice, "#ticket", "OPS-42");
            type(alice, "#changeScope", "read-only heap and goroutine profiles");
            type(alice, "#rollbackSteps", "close the session; nothing else changes");
            type(alice, "#expectedImpact", "none expected");
            type(alice, "#expectedImpactMinutes", "0");
            type(alice, "#monitoringChecks", "p99 latency dashboard", Keys.ENTER, "payment error-rate alert");
            type(alice, "#requestedDurationMinutes", "15");
            alice.find("#profile-goroutine").sendKeys(Keys.SPACE);
            alice.find("#submit").sendKeys(Keys.ENTER);
            alice.waitUntil(d -> d.getCurrentUrl().matches(".*/requests/dr-[0-9a-f]+$"), "the new request's page opens");
            id = alice.driver().getCurrentUrl().replaceAll(".*/requests/", "");
            assertThat(alice.text("[data-testid=state]")).isEqualTo("pending");
            assertThat(alice.pageText()).contains("heap grows 200 MB per hour").contains("payment error-rate alert");
            // the rule explained where a signer would sign
            assertThat(alice.text("[data-testid=sign-refusal]")).contains("You requested this; someone else must sign.")
                    .contains("not-the-requester");
            assertThat(alice.findAll("#approve")).isEmpty();
            alice.screenshot("03-request-pending");
        }

        try (HeadlessChromium alice = HeadlessChromium.open(base, "en-US").login("alice");
             HeadlessChromium bob = HeadlessChromium.open(base, "en-US").login("bob");
             HeadlessChromium carol = HeadlessChromium.open(base, "en-US").login("carol")) {
            alice.get("/requests/" + id);

            bob.get("/inbox");
            assertThat(bob.findAll("tr[data-request='" + id + "']")).hasSize(1);
            bob.screenshot("04-inbox");
            bob.clickThrough("tr[data-request='" + id + "'] a");
            assertThat(unlabelledControls(bob, "main")).isEmpty();
            bob.find("#comment").sendKeys("heap and goroutine profiles only: fine");
            bob.clickThrough("#approve");
            assertThat(bob.text(".notice-ok")).contains("you approved");
            assertThat(bob.text("[data-testid=state]")).isEqualTo("one signature in");
            bob.screenshot("05-signed-by-dev-lead");

            carol.get("/inbox");
            carol.clickThrough("tr[data-request='" + id + "'] a");
            carol.find("#comment").sendKeys("ops: watching the p99 dashboard");
            carol.clickThrough("#approve");
            assertThat(carol.text("[data-testid=state]")).isEqualTo("granted");

            // Alice's page learns of it by itself (htmx polls the status; a new state redraws the page)
            alice.waitUntil(d -> !alice.findAll("[data-testid=connect]").isEmpty(), "alice's page shows the grant by itself");
            assertThat(alice.text("[data-testid=state]")).isEqualTo("granted");
            assertThat(alice.findAll("[data-testid=sign-refusal]")).as("nothing left to sign").isEmpty();
            assertThat(alice.text("[data-testid=connect]")).contains("dgate connect " + id + " --pprof-port");
            assertThat(fetchStatus(alice, "/ui/sessions/" + id + "/pprof/heap"))
                    .as("the heap download link works with the browser's sign-in").isEqualTo("200");
            assertThat(fetchStatus(alice, "/ui/sessions/" + id + "/pprof/cmdline")).as("an unapproved profile").isEqualTo("403");
            alice.screenshot("06-granted-connect");
        }

        try (HeadlessChromium dave = HeadlessChromium.open(base, "en-US").login("dave")) {
            dave.clickThrough("nav a[href='/audit']");
            assertThat(unlabelledControls(dave, "form[role=search]")).isEmpty();
            expectRow(dave, "/audit?user=alice&action=request.created", id);
            expectRow(dave, "/audit?user=bob&action=request.signed", id);
            expectRow(dave, "/audit?user=carol&action=request.signed", id);
            expectRow(dave, "/audit?user=carol&action=request.approved", id);
            expectRow(dave, "/audit?user=alice&action=pprof.fetch&outcome=denied&session=" + id, id);
            dave.get("/audit?session=" + id);
            assertThat(dave.text("[data-testid=result-count]")).matches("\\d+ events");
            dave.screenshot("07-audit-search");

            dave.get("/audit/sessions/" + id);
            dave.waitUntil(d -> {
                if (timelineActions(dave).contains("pprof.fetch")) {
                    return true;
                }
                dave.driver().navigate().refresh();
                return false;
            }, "the timeline holds the session's fetches", TRAIL);
            assertThat(timelineActions(dave)).containsSubsequence("request.created", "request.signed",
                    "request.signed", "request.approved", "pprof.fetch");
            assertThat(dave.pageText()).contains("heap and goroutine profiles only: fine").contains("by carol");
            dave.screenshot("08-timeline");

            dave.get("/audit/verify");
            dave.clickThrough("#verify");
            assertThat(dave.text("#verdict")).contains("The chain is intact");
            dave.screenshot("09-verify");
        }

        try (HeadlessChromium alice = HeadlessChromium.open(base, "en-US").login("alice")) {
            alice.get("/requests/" + shortGrant);
            alice.waitUntil(d -> alice.text("[data-testid=state]").equals("expired"),
                    "the one-minute grant turns to expired", Duration.ofMinutes(3));
            assertThat(alice.text("[data-testid=state-explained]")).contains("Nobody can connect");
            alice.screenshot("10-expired");
            alice.get("/requests");
            assertThat(alice.text("tr[data-request='" + shortGrant + "']")).contains("expired");
            assertThat(alice.text("tr[data-request='" + id + "']")).contains("granted");
            alice.screenshot("11-my-requests");
        }
    }

    @Test
    void aRejectionAndALateSignatureAreExplained() throws Exception {
        GatewayClient gw = gateway();
        String id = createViaApi(gw, 15);
        try (HeadlessChromium bob = HeadlessChromium.open(gw.base().toString(), "en-US").login("bob")) {
            bob.get("/requests/" + id);
            assertThat(bob.findAll("#approve")).hasSize(1);
            bob.freezeLiveParts(); // within the few seconds before the page would have redrawn itself
            // meanwhile Carol rejects it: Bob's click comes too late and the page says why
            GatewayClient.Response rejected = gw.post("carol", "/api/requests/" + id + "/reject", Map.of("comment", "not during the sale"));
            assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
            bob.find("#comment").sendKeys("fine by me");
            bob.clickThrough("#approve");
            assertThat(bob.text("#refusal")).contains("This request is no longer waiting for signatures.")
                    .contains("request-pending");
            assertThat(bob.script("return document.activeElement.id")).isEqualTo("refusal");
            assertThat(bob.text("[data-testid=state]")).isEqualTo("rejected");
            assertThat(bob.pageText()).contains("not during the sale");
            bob.screenshot("12-late-signature-refused");
        }
        try (HeadlessChromium alice = HeadlessChromium.open(gw.base().toString(), "en-US").login("alice")) {
            alice.get("/requests");
            assertThat(alice.text("tr[data-request='" + id + "']")).contains("rejected");
            alice.get("/requests/" + id);
            assertThat(alice.text("[data-testid=state-explained]")).contains("An approver rejected this request");
        }
    }

    @Test
    void chineseBrowsersGetChineseAndEnglishIsTheDefault() {
        String base = gateway().base().toString();
        try (HeadlessChromium zh = HeadlessChromium.open(base, "zh-CN")) {
            zh.get("/login");
            assertThat(zh.text("h1")).isEqualTo("登录");
            assertThat(zh.find("html").getAttribute("lang")).isEqualTo("zh-CN");
            zh.login("alice");
            zh.get("/requests/new");
            assertThat(zh.text("h1")).isEqualTo("新建调试申请");
            assertThat(zh.text("nav")).contains("我的申请");
            assertThat(zh.pageText()).contains("仅性能剖析").contains("提交，等待签字");
            zh.screenshot("13-zh-request-form");
        }
        try (HeadlessChromium fr = HeadlessChromium.open(base, "fr-FR")) {
            fr.get("/login");
            assertThat(fr.text("h1")).as("a language we do not have falls back to English").isEqualTo("Sign in");
        }
    }

    @Test
    void eachPageIsForItsPeople() {
        String base = gateway().base().toString();
        try (HeadlessChromium alice = HeadlessChromium.open(base, "en-US").login("alice")) {
            assertThat(alice.findAll("nav a[href='/audit']")).isEmpty();
            alice.get("/audit");
            assertThat(alice.text("h1")).isEqualTo("This page is not for you");
            assertThat(alice.pageText()).contains("auditors or admins").contains("alice");
            alice.get("/inbox");
            assertThat(alice.pageText()).contains("dev-leads or ops-leads");
            alice.get("/admin");
            assertThat(alice.pageText()).contains("for admins");
        }
    }

    @Test
    void adminsSeeTargetsBreakersPolicyAndTheKillSwitch() {
        awaitDemoTarget();
        try (HeadlessChromium admin = HeadlessChromium.open(gateway().base().toString(), "en-US").login("admin")) {
            admin.get("/admin");
            assertThat(admin.text("#targets")).contains("payment-svc/demo-0").contains("demo-agent");
            assertThat(admin.text("#modes")).contains("pprof").contains("snapshot").contains("interactive");
            assertThat(unlabelledControls(admin, "#kill-form")).isEmpty();
            admin.screenshot("14-admin");
            new Select(admin.find("#kill-target")).selectByValue("payment-svc/demo-0");
            admin.find("#kill-reason").sendKeys("web UI test: nothing is live on the demo target");
            admin.clickThrough("#kill-form button[type=submit]");
            assertThat(admin.text("#kill-report")).contains("payment-svc/demo-0").contains("session(s) cut");
        }
    }

    /** Form controls with no label text, as {@code name#id}; assistive technology could not name them. */
    @SuppressWarnings("unchecked")
    private static List<String> unlabelledControls(HeadlessChromium browser, String scope) {
        return (List<String>) browser.script("""
                return Array.from(document.querySelectorAll(arguments[0] + ' input:not([type=hidden]), '
                        + arguments[0] + ' select, ' + arguments[0] + ' textarea'))
                    .filter(e => !(e.labels && e.labels.length > 0 && e.labels[0].textContent.trim().length > 0))
                    .map(e => e.name + '#' + e.id);
                """, scope);
    }

    /** The ids the Tab key visits from {@code first} until {@code last}. */
    private static List<String> tabStops(HeadlessChromium browser, String first, String last) {
        browser.script("document.getElementById(arguments[0]).focus()", first);
        List<String> stops = new ArrayList<>();
        stops.add(first);
        for (int i = 0; i < 80 && !stops.getLast().equals(last); i++) {
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            stops.add(String.valueOf(browser.script("return document.activeElement.id")));
        }
        return stops;
    }

    private static void type(HeadlessChromium browser, String css, CharSequence... keys) {
        WebElement field = browser.find(css);
        field.click();
        field.sendKeys(keys);
    }

    private static String fetchStatus(HeadlessChromium browser, String path) {
        Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done(String(r.status))))"
                        + ".catch(e => done('error ' + e));", path);
        return String.valueOf(status);
    }

    private static void expectRow(HeadlessChromium browser, String search, String id) {
        browser.get(search);
        browser.waitUntil(d -> {
            if (browser.findAll("#results a[href='/audit/sessions/" + id + "']").size() > 0) {
                return true;
            }
            browser.driver().navigate().refresh();
            return false;
        }, "the audit search " + search + " finds " + id, TRAIL);
    }

    @SuppressWarnings("unchecked")
    private static List<String> timelineActions(HeadlessChromium browser) {
        return (List<String>) browser.script(
                "return Array.from(document.querySelectorAll('#timeline li')).map(li => li.dataset.action)");
    }

    private static String createViaApi(GatewayClient gw, int minutes) throws Exception {
        Map<String, Object> request = new HashMap<>(pprofRequest(List.of("heap")));
        request.put("requestedDurationMinutes", minutes);
        GatewayClient.Response created = gw.post("alice", "/api/requests", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static String grantViaApi(GatewayClient gw, int minutes) throws Exception {
        String id = createViaApi(gw, minutes);
        assertThat(gw.post("bob", "/api/requests/" + id + "/approve", Map.of("comment", "ok")).status()).isEqualTo(200);
        GatewayClient.Response granted = gw.post("carol", "/api/requests/" + id + "/approve", Map.of("comment", "ok"));
        assertThat(granted.body()).contains("GRANTED");
        return id;
    }
}
