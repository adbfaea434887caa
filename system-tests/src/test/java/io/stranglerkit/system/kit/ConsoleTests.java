package io.stranglerkit.system.kit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The migration console in headless Chromium (from apt, as .ci/run installs it) against a kit as a
 * user has it ({@link TracedKitIT}'s, right after its {@code kit reset --fast}): the page shows the
 * parts, its controls change the routes only after the admin token is entered, a refused value shows
 * the proxy's reason, and a killed service turns red.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleTests {

    private static final KitRunner KIT = TracedKitIT.KIT;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final java.util.regex.Pattern PROVOKED = java.util.regex.Pattern.compile(
            "/api/(routes/search|session) - Failed to load resource: the server responded with a status of (400|401|403)");
    private static WebDriver browser;
    private static String token;

    @BeforeAll
    void openThePage() throws Exception {
        token = Files.readString(KIT.home.resolve("admin-token")).trim();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium"));
        // A projector's size. --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,720");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(new File(executable("chromedriver"))).build();
        browser = new ChromeDriver(driver, options);
        browser.get(KIT.url("KIT_CONSOLE_PORT") + "/");
    }

    private static String executable(String name) {
        return List.of("/usr/bin/" + name, "/usr/lib/chromium/" + name).stream().filter(p -> new File(p).canExecute()).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not installed: apt-get install -y chromium chromium-driver"));
    }

    @AfterAll
    void closeThePage() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void thePageShowsEveryPartHealthyAtAProjectorsSizeWithoutErrors() throws Exception {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(statuses()).hasSize(8).allMatch(s -> s.endsWith(":UP")));
        assertThat(script("return document.querySelectorAll('.route').length")).isEqualTo(3L);
        assertThat((Long) script("return document.documentElement.scrollWidth")).as("no sideways scrolling at 1280x720").isLessThanOrEqualTo(1280L);
        assertThat(browser.getPageSource()).doesNotContain(token);
        assertThat(browser.findElement(By.cssSelector("[data-route=search] .percent")).isEnabled()).as("read-only before the token").isFalse();
        Path screenshot = Path.of("target", "console.png");
        Files.write(screenshot, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(severeBrowserLogs()).isEmpty();
    }

    @Test
    @Order(2)
    void withoutTheTokenNothingChanges() throws Exception {
        Object status = script("const done = arguments[arguments.length - 1];"
                + "fetch('/api/routes/search', {method: 'PUT', headers: {'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf()},"
                + " body: JSON.stringify({servicePercent: 40})}).then(r => done(r.status));", true);
        assertThat(status).isEqualTo(401L);
        unlock("not-the-token");
        await().atMost(PATIENCE).until(() -> problemText().contains("not the kit's admin token"));
        assertThat(route("search")).contains("\"servicePercent\":0");
    }

    @Test
    @Order(3)
    void theSliderChangesTheRouteOnceTheTokenIsEntered() throws Exception {
        unlock(token);
        await().atMost(PATIENCE).until(() -> browser.findElement(By.cssSelector("[data-route=search] .percent")).isEnabled());
        assertThat((String) script("return document.cookie")).as("the session cookie is HttpOnly").doesNotContain("CONSOLE_SESSION");
        moveSlider("search", 30);
        await().atMost(PATIENCE).until(() -> route("search").contains("\"servicePercent\":30"));
        await().atMost(PATIENCE).until(() -> eventsText().contains("search changed by migration-console user at 127.0.0.1")
                && eventsText().contains("servicePercent 0 -> 30"));
    }

    @Test
    @Order(4)
    void aTamperedValueIsRefusedByTheProxyAndThePageSaysWhy() throws Exception {
        script("const s = document.querySelector('[data-route=search] .percent'); s.max = 200;", false);
        moveSlider("search", 150);
        await().atMost(PATIENCE).until(() -> problemText().contains("servicePercent"));
        assertThat(route("search")).contains("\"servicePercent\":30");
        await().atMost(PATIENCE).until(() -> "30%".equals(browser.findElement(By.cssSelector("[data-route=search] .percent-value")).getText()));
        Object withoutCsrf = script("const done = arguments[arguments.length - 1];"
                + "fetch('/api/routes/search', {method: 'PUT', headers: {'Content-Type': 'application/json'},"
                + " body: JSON.stringify({servicePercent: 60})}).then(r => done(r.status));", true);
        assertThat(withoutCsrf).as("a change without the page's CSRF token").isEqualTo(403L);
        assertThat(route("search")).contains("\"servicePercent\":30");
    }

    @Test
    @Order(5)
    void chartsReceivePointsWhileTrafficFlows() throws Exception {
        long before = (Long) script("return cards.get('search').rates[0].length");
        Thread traffic = searches(Duration.ofSeconds(6));
        traffic.join();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat((Long) script("return cards.get('search').rates[0].length")).isGreaterThan(before + 3);
            assertThat(((Number) script("return Math.max(...cards.get('search').rates[1].filter(v => v !== null))")).doubleValue())
                    .isGreaterThan(0.0);
            assertThat(browser.findElement(By.cssSelector("[data-route=search] .service .p99")).getText()).matches("[0-9.]+");
        });
    }

    @Test
    @Order(6)
    void aStoppedServiceTurnsRedAndItsReadsFallBack() throws Exception {
        long fallbacksBefore = fallbacks();
        assertThat(KIT.kit("stop", "extracted-search-service").exit()).isZero();
        long stoppedAt = System.nanoTime();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> statuses().contains("extracted-search-service:UNREACHABLE"));
        System.out.printf("the stopped search service showed red %.1f s after kit stop returned%n", (System.nanoTime() - stoppedAt) / 1e9);
        searches(Duration.ofSeconds(4)).join();
        await().atMost(PATIENCE).until(() -> fallbacks() > fallbacksBefore);
        assertThat(KIT.kit("up").exit()).isZero();
        await().atMost(PATIENCE).until(() -> statuses().contains("extracted-search-service:UP"));
        assertThat(eventsText()).contains("extracted-search-service is UNREACHABLE").contains("extracted-search-service is up again");
    }

    @Test
    @Order(7)
    void aRampStartsAndAbortsFromThePageAndVerifyRunsFromItsButton() throws Exception {
        WebElement card = browser.findElement(By.cssSelector("[data-route=catalog-read]"));
        card.findElement(By.cssSelector(".ramp-start")).click();
        WebElement steps = card.findElement(By.cssSelector(".ramp-steps"));
        steps.clear();
        steps.sendKeys("20,100");
        card.findElement(By.cssSelector(".ramp-form button")).click();
        await().atMost(PATIENCE).until(() -> card.findElement(By.cssSelector(".ramp-state")).getText().contains("ramp running"));
        card.findElement(By.cssSelector(".ramp-abort")).click();
        await().atMost(PATIENCE).until(() -> card.findElement(By.cssSelector(".ramp-state")).getText().contains("ramp aborted"));
        assertThat(route("catalog-read")).contains("\"servicePercent\":0");
        await().atMost(PATIENCE).until(() -> eventsText().contains("ramp of catalog-read: running -> aborted"));

        browser.findElement(By.id("verify-search")).click();
        // The page re-renders the result while verify runs: read its state in one script call, never through a held element.
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            Object state = verifyState("search");
            return state != null && !"running".equals(state);
        });
        assertThat(verifyState("search")).isEqualTo("clean");
        assertThat(severeBrowserLogs()).isEmpty();
        assertThat(KIT.home.resolve("logs").resolve("migration-console.log")).content().doesNotContain(token);
    }

    private static void unlock(String value) {
        WebElement input = browser.findElement(By.id("token"));
        input.clear();
        input.sendKeys(value);
        browser.findElement(By.id("unlock")).click();
    }

    private static void moveSlider(String route, int percent) {
        script("const s = document.querySelector('[data-route=" + route + "] .percent'); s.value = " + percent + ";"
                + " s.dispatchEvent(new Event('change'));", false);
    }

    @SuppressWarnings("unchecked")
    private static List<String> statuses() {
        return (List<String>) script("return [...document.querySelectorAll('.part')].map(p => p.dataset.part + ':' + p.dataset.status)", false);
    }

    private static long fallbacks() {
        return (Long) script("return cards.get('search').last.fallbacks", false);
    }

    private static String problemText() {
        WebElement problem = browser.findElement(By.id("problem"));
        return problem.isDisplayed() ? problem.getText() : "";
    }

    private static Object verifyState(String target) {
        return script("const r = document.querySelector('#verify-results [data-target=" + target + "]'); return r ? r.dataset.state : null");
    }

    private static String eventsText() {
        return browser.findElement(By.id("events")).getText();
    }

    private static Object script(String code) {
        return script(code, false);
    }

    private static Object script(String code, boolean async) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        return async ? js.executeAsyncScript(code) : js.executeScript(code);
    }

    /** Errors in the browser's console, less the refusals these tests provoke on purpose (the page shows those). */
    private static List<String> severeBrowserLogs() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).filter(m -> !PROVOKED.matcher(m).find()).toList();
    }

    /** The proxy's own view of a route, through its admin API. */
    private static String route(String id) throws Exception {
        HttpResponse<String> routes = HTTP.send(HttpRequest.newBuilder(URI.create(KIT.url("KIT_PROXY_ADMIN_PORT") + "/admin/routes"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        String body = routes.body();
        int at = body.indexOf("{\"id\":\"" + id + "\"");
        return body.substring(at, body.indexOf('}', at) + 1);
    }

    /** Searches through the proxy from many clients (sticky splits by client), about 20 a second. */
    private static Thread searches(Duration during) {
        Thread thread = new Thread(() -> {
            long end = System.nanoTime() + during.toNanos();
            for (int i = 0; System.nanoTime() < end; i++) {
                try {
                    HTTP.send(HttpRequest.newBuilder(URI.create(KIT.url("KIT_PROXY_PORT") + "/api/products/search?q=oak&size=3"))
                            .header("X-Client-Id", "console-it-" + i).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                    Thread.sleep(50);
                } catch (Exception e) {
                    // a refused or slow search is what some of these tests provoke; the page is what is checked
                }
            }
        });
        thread.start();
        return thread;
    }
}
