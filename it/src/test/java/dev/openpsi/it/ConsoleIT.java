package dev.openpsi.it;

import static dev.openpsi.it.AdminApi.api;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

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

    @RegisterExtension
    static final WholeStack STACK = WholeStack.builder().service("cloudlink-daemon").service("zoom-sync")
            // the seeded connectors beat once; the default 90 s timeout would disconnect them before step 6
            .env("cloudlink-daemon", "OPENPSI_CONNECTORS_HEARTBEAT_TIMEOUT", "30m")
            .build();

    private static final String CONNECTOR_CREDENTIAL = "X-Connector-Credential";
    private static final String OSV_NAME = DemoTokens.fresh("OSV Munich duplex");
    private static final String SBC_NAME = DemoTokens.fresh("SBC Munich edge");

    /** A component as its connector knows it after the link exchange. */
    private record Linked(String id, String credential, String host, String instanceId) {
    }

    private static Linked osv;
    private static Linked sbc;
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

        // on-premise components linked as their connectors do: an OSV duplex, activated, whose node b went down
        // (degraded), and an SBC
        osv = link("OSV_NODE", OSV_NAME);
        heartbeat(osv, List.of(node("osv-a", true), node("osv-b", true)));
        JsonNode enabled = api("POST", components() + "/" + osv.id() + "/enable-container", null, 200);
        assertEquals("connectedActivated", enabled.get("status").asText());
        JsonNode ack = heartbeat(osv, List.of(node("osv-a", true), node("osv-b", false)));
        assertEquals("connectedActivated", ack.get("status").asText());
        assertTrue(ack.get("degraded").asBoolean(), ack::toString);
        sbc = link("SBC", SBC_NAME);
        heartbeat(sbc, List.of());

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

        // 5. replay wizard: a dry run, then executed to zoom-sync's replay topic with its progress
        String daemon = STACK.url("cloudlink-daemon");
        click("tab-replay");
        visible(By.id("r-topic")).sendKeys("openpsi.provisioning.v1");
        assertEquals("acme", browser.findElement(By.id("r-account")).getAttribute("value"));
        new Select(browser.findElement(By.id("r-target"))).selectByVisibleText("zoom-sync");
        click("replay-dry-run");
        waitFor(d -> d.findElement(By.id("replay-preview")).isDisplayed());
        assertTrue(browser.findElement(By.id("replay-unavailable")).getAttribute("hidden") != null, "no 'not available' notice");
        int selected = Integer.parseInt(text("replay-count"));
        assertTrue(selected >= 1, "the ZoomUserLinked of the seeding is selected at least");
        assertEquals(Math.min(selected, 10), rowsOf("replay-sample").size(), "the sample holds the first 10 at most");
        assertEquals("Check the sample, then execute.", text("replay-message"));
        shot("replay-dry-run");
        // slow enough (about 4 s whatever the count) to watch it run
        WebElement rate = browser.findElement(By.id("r-rate"));
        rate.clear();
        rate.sendKeys(Integer.toString(Math.max(1, selected / 4)));
        click("replay-execute");
        waitFor(d -> d.findElement(By.id("replay-progress")).isDisplayed());
        waitFor(d -> text("replay-state").matches("running: [0-9]+ of " + selected + " sent"));
        int midway = Integer.parseInt(text("replay-state").replaceAll("running: ([0-9]+) of.*", "$1"));
        assertTrue(midway < selected, text("replay-state"));
        assertEquals(Integer.toString(selected), browser.findElement(By.id("replay-bar")).getAttribute("max"));
        scrollTo("replay-progress");
        shot("replay-running");
        waitFor(d -> text("replay-state").startsWith("completed"));
        assertEquals("completed: " + selected + " of " + selected + " sent", text("replay-state"));
        assertEquals("Replay completed.", text("replay-message"));
        assertEquals(Integer.toString(selected), browser.findElement(By.id("replay-bar")).getAttribute("value"));
        JsonNode replay = api("GET", daemon + "/api/v1/replays/" + text("replay-id"), null, 200);
        assertEquals("completed", replay.get("status").asText(), replay::toString);
        assertEquals("zoom-sync", replay.get("target").asText());
        assertEquals(selected, replay.get("selected").asInt(), replay::toString);
        assertEquals(selected, replay.get("sent").asInt(), replay::toString);
        assertTrue(replay.get("error").isNull(), replay::toString);
        shot("replay-completed");

        // 6. components: each row with its kind, host and the API's status; the degraded OSV flagged
        JsonNode items = api("GET", components(), null, 200).get("items");
        click("tab-components");
        waitFor(d -> rowsOf("components-rows").size() == items.size());
        assertEquals("", text("components-message"));
        for (JsonNode item : items) {
            List<WebElement> columns = componentRow(item.get("name").asText()).findElements(By.tagName("td"));
            assertEquals(item.get("type").asText(), columns.get(1).getText());
            assertEquals(item.get("host").asText(), columns.get(2).getText());
            WebElement status = columns.get(3).findElement(By.tagName("span"));
            boolean degraded = item.get("degraded").asBoolean();
            assertEquals(item.get("status").asText() + (degraded ? " (degraded)" : ""), status.getText());
            if (degraded) {
                assertEquals("status-wait", status.getAttribute("class"));
            }
        }
        // and the two seeded ones as linked: the OSV degraded with its node b down, the SBC healthy
        List<WebElement> osvCells = componentRow(OSV_NAME).findElements(By.tagName("td"));
        assertEquals("OSV_NODE", osvCells.get(1).getText());
        assertEquals(osv.host(), osvCells.get(2).getText());
        assertTrue(osvCells.get(3).getText().startsWith("connectedActivated (degraded)"), osvCells.get(3).getText());
        assertEquals("status-wait", osvCells.get(3).findElement(By.tagName("span")).getAttribute("class"));
        assertEquals("osv-a connected, osv-b not connected", osvCells.get(6).getText());
        List<WebElement> sbcCells = componentRow(SBC_NAME).findElements(By.tagName("td"));
        assertEquals("SBC", sbcCells.get(1).getText());
        assertEquals(sbc.host(), sbcCells.get(2).getText());
        assertEquals("connectedActivated", sbcCells.get(3).findElement(By.tagName("span")).getText());
        assertEquals("status-good", sbcCells.get(3).findElement(By.tagName("span")).getAttribute("class"));
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

    /** Brings an element below the fold into the screenshot. */
    private static void scrollTo(String id) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'end'})",
                browser.findElement(By.id(id)));
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



    private static String components() {
        return STACK.url("cloudlink-daemon") + "/api/v1/accounts/acme/components";
    }

    private static WebElement componentRow(String name) {
        return rowsOf("components-rows").stream().filter(r -> r.findElement(By.tagName("td")).getText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no components row named " + name));
    }

    /** A link token from acme's admin, exchanged by the component's connector (its service token). */
    private static Linked link(String type, String name) throws IOException, InterruptedException {
        String daemon = STACK.url("cloudlink-daemon");
        String token = api("POST", daemon + "/api/v1/accounts/acme/link-tokens", Map.of("type", type, "name", name), 201)
                .get("token").asText();
        String host = name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".acme.example.local";
        String instanceId = UUID.randomUUID().toString();
        JsonNode linked = api(DemoTokens.service("cloudlink-connector"), Map.of(), "POST", daemon + "/api/v1/connectors/link",
                Map.of("token", token, "identity", "hw-" + UUID.randomUUID(), "host", host, "instanceId", instanceId,
                        "clientTime", Instant.now().toString()), 201);
        return new Linked(linked.get("componentId").asText(), linked.get("credential").asText(), host, instanceId);
    }

    /** The connector's heartbeat with its nodes; the daemon's acknowledgement. */
    private static JsonNode heartbeat(Linked c, List<Map<String, Object>> nodes) throws IOException, InterruptedException {
        return api(DemoTokens.service("cloudlink-connector"), Map.of(CONNECTOR_CREDENTIAL, c.credential()), "POST",
                STACK.url("cloudlink-daemon") + "/api/v1/connectors/" + c.id() + "/heartbeats",
                Map.of("host", c.host(), "instanceId", c.instanceId(), "nodes", nodes, "failover", false), 200);
    }

    private static Map<String, Object> node(String name, boolean connected) {
        return Map.of("name", name, "connected", connected);
    }
}
