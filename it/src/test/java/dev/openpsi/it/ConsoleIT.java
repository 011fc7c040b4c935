package dev.openpsi.it;

import static dev.openpsi.it.AdminApi.api;
import static dev.openpsi.it.AdminApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.testkit.events.TestEvents;
import dev.openpsi.testkit.keycloak.DemoTokens;
import dev.openpsi.testkit.zoom.UserStatus;

/**
 * The admin console end to end: headless Chromium (Debian's chromium + chromium-driver through
 * Selenium) logs in at the real Keycloak and drives every page against cloudlink-daemon and
 * zoom-sync running from their jars. Each step leaves a screenshot in target/screenshots.
 */
class ConsoleIT {

    private static final String ZOOM_ACCOUNT = "acme-zoom";
    private static final String LINKED = "anna.schmidt@acme.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final WholeStack STACK = WholeStack.builder().service("cloudlink-daemon").service("zoom-sync").build();

    private static Path screenshots;
    private static Path downloads;
    private static WebDriver browser;
    private static int step;

    @BeforeAll
    static void seedAndOpenBrowser() throws Exception {
        // the account's Zoom tenant: three users, one of them still pending
        STACK.zoom().createAccount(ZOOM_ACCOUNT);
        STACK.zoom().addUser(ZOOM_ACCOUNT, LINKED, "Anna", "Schmidt");
        STACK.zoom().addUser(ZOOM_ACCOUNT, "ben.meyer@acme.example.com", "Ben", "Meyer");
        STACK.zoom().addUser(ZOOM_ACCOUNT, "carla.diaz@acme.example.com", "Carla", "Diaz", UserStatus.PENDING);
        STACK.zoom().registerClient("acme-console-app", "acme-console-secret", ZOOM_ACCOUNT);
        JsonNode connection = api("PUT", STACK.url("zoom-sync") + "/api/v1/zoom/connection", Map.of("clientId", "acme-console-app",
                "clientSecret", "acme-console-secret", "zoomAccountId", ZOOM_ACCOUNT, "grantType", "account_credentials"), 200);
        assertEquals("Authorized", connection.get("oauthStatus").asText());
        // the PBX side links one user (as osv-adapter would): cloudlink-daemon makes a CloudLink user with a licence
        TestEvents.publish(STACK.kafka().bootstrapServers(), ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED,
                new ZoomUserLinked("acme", LINKED, "Anna", "Schmidt", "+4989700712345", UUID.randomUUID().toString(), null));

        screenshots = Files.createDirectories(WholeStack.output().resolve("screenshots"));
        downloads = Files.createDirectories(WholeStack.output().resolve("downloads"));
        try (Stream<Path> old = Stream.concat(Files.list(downloads), Files.list(screenshots))) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        browser = chromium(downloads);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAccountAdminWorksThroughEveryPage() throws Exception {
        try {
            everyPage();
        } catch (Exception | AssertionError e) {
            shot("failure");
            throw e;
        }
    }

    private void everyPage() throws Exception {
        String console = STACK.url("cloudlink-daemon") + "/console/";
        browser.get(console);

        // 1. Keycloak's own login page
        waitFor(d -> d.getCurrentUrl().contains("/realms/openpsi/protocol/openid-connect/auth"));
        WebElement username = visible(By.id("username"));
        shot("keycloak-login");
        username.sendKeys("admin@acme.example");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("kc-login")).click();

        // 2. back in the console, logged in; Zoom integration status
        waitFor(d -> d.getCurrentUrl().startsWith(console) && d.findElement(By.id("who")).isDisplayed());
        assertEquals("acme", text("user-account"));
        assertFalse(browser.getCurrentUrl().contains("code="), "the authorization code is removed from the address");
        waitFor(d -> text("zoom-integration").equals("Connected"));
        assertEquals("Authorized", text("zoom-oauth"));
        assertEquals(ZOOM_ACCOUNT, text("zoom-account"));
        shot("zoom-status");
        click("zoom-refresh");
        waitFor(d -> text("zoom-message").startsWith("Refreshed at"));
        assertEquals("Connected", text("zoom-integration"));
        shot("zoom-refreshed");
        click("zoom-sync");
        waitFor(d -> text("zoom-message").startsWith("Sync succeeded"));
        assertEquals("Sync succeeded: 3 users, 0 SIP phones", text("zoom-message"));
        assertEquals("Successful", text("zoom-sync-status"));
        assertFalse(text("zoom-last-sync").equals("—"), "the last successful sync shows its time");
        shot("zoom-synced");

        // 3. user comparison report: generate, wait until ready, download
        click("tab-report");
        click("report-generate");
        waitFor(d -> text("report-state").equals("ready"));
        assertEquals("3", text("report-rows"));
        shot("report-ready");
        click("report-download");
        Path report = downloaded(name -> name.startsWith("user-comparison-") && name.endsWith(".csv"));
        List<String> rows = Files.readAllLines(report, StandardCharsets.UTF_8);
        assertEquals("email,name,clUserId,licenses,zmUserId,zmUserStatus,zmSipPhoneId,zmSipPhoneNumber,zmSipPhoneMobileId,"
                + "zmSipPhoneMobileNumber,issues", rows.get(0));
        assertEquals(4, rows.size(), "a header and one row per Zoom user: " + rows);
        // a Zoom user without a CloudLink user: DOMAIN.md "NoClZoomPsiLicense ... no further checks run"
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("carla.diaz@acme.example.com,") && r.contains(",pending,")
                && r.contains("CloudLinkUserNotFound") && r.contains("NoClZoomPsiLicense") && !r.contains("ZoomUserStatusPending")),
                rows::toString);

        // 4. event history: filter, open a detail tab, copy, export the filtered selection
        click("tab-events");
        visible(By.id("f-subject")).sendKeys(LINKED);
        browser.findElement(By.id("f-type")).sendKeys("ZoomUserLinked");
        click("events-apply");
        waitFor(d -> rowsOf("events-rows").size() == 1);
        List<WebElement> cells = rowsOf("events-rows").get(0).findElements(By.tagName("td"));
        assertEquals("ZoomUserLinked", cells.get(1).getText());
        assertEquals(LINKED, cells.get(2).getText());
        assertEquals("acme", cells.get(3).getText());
        assertEquals("osv-adapter", cells.get(5).getText());
        cells.get(7).findElement(By.tagName("button")).click();
        waitFor(d -> d.findElement(By.id("event-detail")).isDisplayed());
        assertTrue(browser.findElement(By.id("dpanel")).getText().contains("dev.openpsi.provisioning.ZoomUserLinked.v1"));
        shot("event-core-details");
        click("dtab-tags");
        waitFor(d -> d.findElement(By.id("dpanel")).getText().contains("trace id"));
        assertEquals("true", browser.findElement(By.id("dtab-tags")).getAttribute("aria-selected"));
        assertTrue(browser.findElement(By.id("dpanel")).getText().contains("osv-adapter"));
        click("detail-copy");
        waitFor(d -> text("detail-message").startsWith("Copied"));
        shot("event-log-tags");
        click("events-export");
        Path csv = downloaded(name -> name.equals("journal.csv"));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("id,receivedAt,time,type,event,account,subject"), lines.get(0));
        assertEquals(2, lines.size(), "the export holds the filtered selection only: " + lines);
        assertTrue(lines.get(1).contains(",ZoomUserLinked,acme," + LINKED + ","), lines.get(1));

        // 5. replay wizard: a dry run, or the "not available" state where the replay API is not deployed
        boolean replayDeployed = status("POST", STACK.url("cloudlink-daemon") + "/api/v1/replays", Map.of("selection",
                Map.of("topic", "openpsi.provisioning.v1", "account", "acme"), "target", "zoom-sync", "dryRun", true,
                "sample", 5, "ratePerSecond", 10)) != 404;
        click("tab-replay");
        visible(By.id("r-topic")).sendKeys("openpsi.provisioning.v1");
        assertEquals("acme", browser.findElement(By.id("r-account")).getAttribute("value"));
        click("replay-dry-run");
        if (replayDeployed) {
            waitFor(d -> d.findElement(By.id("replay-preview")).isDisplayed());
            assertTrue(Integer.parseInt(text("replay-count")) >= 1);
            assertFalse(rowsOf("replay-sample").isEmpty());
        } else {
            waitFor(d -> d.findElement(By.id("replay-unavailable")).isDisplayed());
            assertTrue(text("replay-unavailable").startsWith("Replay is not available"));
            assertFalse(browser.findElement(By.id("replay-preview")).isDisplayed());
        }
        shot("replay-dry-run");

        // 6. components: the list, or "not available" where the components API is not deployed
        int components = status("GET", STACK.url("cloudlink-daemon") + "/api/v1/accounts/acme/components", null);
        click("tab-components");
        if (components == 404) {
            waitFor(d -> text("components-message").startsWith("Component status is not available"));
        } else {
            assertEquals(200, components);
            waitFor(d -> !text("components-message").equals("Loading…"));
            JsonNode items = api("GET", STACK.url("cloudlink-daemon") + "/api/v1/accounts/acme/components", null, 200).get("items");
            if (items.isEmpty()) {
                assertEquals("No component is linked to this account.", text("components-message"));
            } else {
                assertEquals(items.size(), rowsOf("components-rows").size());
            }
        }
        shot("components");

        // 7. logout ends the Keycloak session: the next visit asks for the password again
        click("logout");
        waitFor(d -> d.getCurrentUrl().startsWith(console) || d.getCurrentUrl().contains("/protocol/openid-connect/auth"));
        waitFor(d -> !d.findElements(By.id("username")).isEmpty());
        shot("logged-out");
    }

    private static WebDriver chromium(Path downloadDir) {
        System.setProperty("webdriver.chrome.driver", executable("CHROMEDRIVER", "/usr/bin/chromedriver"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--window-size=1366,900", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloadDir.toString(),
                "download.prompt_for_download", false, "profile.default_content_settings.popups", 0));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .withLogFile(WholeStack.output().resolve("whole-stack/chromedriver.log").toFile()).build();
        return new ChromeDriver(service, options);
    }

    private static String executable(String variable, String fallback) {
        String value = System.getenv(variable);
        String path = value == null || value.isBlank() ? fallback : value;
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: apt-get install chromium chromium-driver (see .ci/run)");
        }
        return path;
    }

    private static void waitFor(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(condition::apply);
    }

    private static WebElement visible(By by) {
        waitFor(d -> d.findElement(by).isDisplayed());
        return browser.findElement(by);
    }

    private static void click(String id) {
        visible(By.id(id)).click();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static List<WebElement> rowsOf(String tbody) {
        return browser.findElement(By.id(tbody)).findElements(By.tagName("tr"));
    }

    private static void shot(String name) throws IOException {
        step++;
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(String.format("%02d-%s.png", step, name)), png);
    }

    /** The one finished download whose name matches (Chromium writes .crdownload until it is complete). */
    private static Path downloaded(java.util.function.Predicate<String> name) {
        waitFor(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.anyMatch(p -> name.test(p.getFileName().toString()));
            } catch (IOException e) {
                return false;
            }
        });
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(p -> name.test(p.getFileName().toString())).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }



    private static int status(String method, String url, Object body) throws IOException, InterruptedException {
        return send(method, url, body).statusCode();
    }
}
