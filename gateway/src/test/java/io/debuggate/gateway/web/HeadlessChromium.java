package io.debuggate.gateway.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium under Debian's chromedriver, one fresh profile per browser (so each demo user
 * has their own cookies). Both paths are given explicitly, so Selenium Manager never runs and
 * nothing is downloaded; a missing package fails the test with the command that installs it.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final int WIDTH = 1366;
    private static final int HEIGHT = 900;

    private final WebDriver driver;
    private final String base;
    private final Path profile;

    private HeadlessChromium(WebDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /** A browser whose Accept-Language is {@code language} (e.g. {@code en-US}, {@code zh-CN}). */
    static HeadlessChromium open(String base, String language) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the web UI tests drive Debian's Chromium: " + BROWSER + " and " + DRIVER
                    + " must exist. Install them with: apt-get install -y chromium chromium-driver");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("debuggate-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT,
                "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, base, profile);
    }

    WebDriver driver() {
        return driver;
    }

    void get(String path) {
        driver.get(base + path);
    }

    /** Signs in through the real login page, as a person would. */
    HeadlessChromium login(String user) {
        get("/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitUntil(d -> !d.getCurrentUrl().contains("/login"), "sign-in of " + user + " did not leave the login page");
        return this;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * Clicks a control that loads a new page (a link, a form's submit) and returns once the new page
     * has replaced the old one; a bare click can return before the browser has left the old page.
     */
    void clickThrough(String css) {
        WebElement oldPage = find("html");
        find(css).click();
        waitUntil(d -> isStale(oldPage), "the click on " + css + " did not load a new page", Duration.ofSeconds(30));
    }

    private static boolean isStale(WebElement element) {
        try {
            element.getTagName();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        }
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The element's text; retried when htmx swapped the element out between finding and reading it. */
    String text(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                return find(css).getText();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Stops htmx polling on this page, as if the reader were slow: the page stays as it was drawn. */
    void freezeLiveParts() {
        script("document.querySelectorAll('[hx-trigger]').forEach(e => e.replaceWith(e.cloneNode(true)))");
    }

    String pageText() {
        return find("body").getText();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void waitUntil(java.util.function.Function<WebDriver, Boolean> condition, String what) {
        waitUntil(condition, what, Duration.ofSeconds(20));
    }

    void waitUntil(java.util.function.Function<WebDriver, Boolean> condition, String what, Duration timeout) {
        new WebDriverWait(driver, timeout).withMessage(what).until(condition::apply);
    }

    /** The whole page as a PNG under target/screenshots (kept as a CI artifact, shown in the README). */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            long height = (Long) script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
            driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(Math.max(height, HEIGHT), 4000)));
            File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
