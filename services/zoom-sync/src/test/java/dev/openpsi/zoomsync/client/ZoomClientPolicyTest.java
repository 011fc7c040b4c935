package dev.openpsi.zoomsync.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.openpsi.http.OutboundProxy;
import dev.openpsi.http.WebClientProxy;
import io.vertx.core.net.ProxyOptions;
import io.vertx.ext.web.client.WebClientOptions;

/** The Zoom client's policies that need no server: proxy from the environment, how long a 429 waits. */
class ZoomClientPolicyTest {

    @Test
    void bothZoomRootsGoThroughTheProxyOfTheEnvironment() {
        // what ZoomHttpClient builds: one client for the API and the OAuth root (libs/http decides)
        OutboundProxy env = OutboundProxy.from(Map.of("HTTPS_PROXY", "http://user:pw@proxy.corp:8080",
                "HTTP_PROXY", "http://other:1", "NO_PROXY", "localhost, .corp.example,10.0.0.1"));
        ProxyOptions proxy = WebClientProxy.configure(new WebClientOptions(), env,
                URI.create("https://api.zoom.us/v2"), URI.create("https://zoom.us/oauth/token")).getProxyOptions();
        assertEquals("proxy.corp", proxy.getHost());
        assertEquals(8080, proxy.getPort());
        assertEquals("user", proxy.getUsername());
        assertEquals("pw", proxy.getPassword());

        // the local simulator of the tests (http, 127.0.0.1) is not behind an https proxy
        assertNull(WebClientProxy.configure(new WebClientOptions(), OutboundProxy.from(Map.of("https_proxy", "squid:3128")),
                URI.create("http://127.0.0.1:1/v2"), URI.create("http://127.0.0.1:1/oauth/token")).getProxyOptions());
        assertEquals("squid", WebClientProxy.configure(new WebClientOptions(), OutboundProxy.from(Map.of("http_proxy", "squid:3128")),
                URI.create("http://127.0.0.1:1/v2")).getProxyOptions().getHost());
        assertNull(WebClientProxy.configure(new WebClientOptions(), OutboundProxy.from(Map.of()),
                URI.create("https://api.zoom.us/v2")).getProxyOptions());
    }

    @Test
    void aThrottledCallWaitsAsZoomSays() {
        Duration fallback = Duration.ofSeconds(3);
        assertBetween(Duration.ofSeconds(2), ZoomHttpClient.throttleWait("2", "QPS", "0", fallback));
        ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(5);
        Duration dated = ZoomHttpClient.throttleWait(DateTimeFormatter.RFC_1123_DATE_TIME.format(at), null, null, fallback);
        assertTrue(dated.compareTo(Duration.ofSeconds(3)) > 0 && dated.compareTo(Duration.ofSeconds(6)) < 0, dated.toString());
        assertBetween(Duration.ofSeconds(1), ZoomHttpClient.throttleWait(null, "QPS", "0", fallback));
        assertBetween(Duration.ofSeconds(60), ZoomHttpClient.throttleWait(null, "QPM", "0", fallback));
        assertBetween(fallback, ZoomHttpClient.throttleWait("soon", null, null, fallback));
    }

    private static void assertBetween(Duration base, Duration actual) {
        assertTrue(actual.compareTo(base) >= 0 && actual.compareTo(base.plusMillis(50)) <= 0, actual + " vs " + base);
    }
}
