package dev.openpsi.zoomsync.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The Zoom client's policies that need no server: proxy from the environment, how long a 429 waits. */
class ZoomClientPolicyTest {

    @Test
    void proxyComesFromTheEnvironmentByScheme() {
        ProxySettings https = ProxySettings.fromEnvironment("https://api.zoom.us/v2",
                Map.of("HTTPS_PROXY", "http://user:pw@proxy.corp:8080", "HTTP_PROXY", "http://other:1",
                        "NO_PROXY", "localhost, .corp.example,10.0.0.1"));
        assertEquals("proxy.corp", https.proxy().orElseThrow().getHost());
        assertEquals(8080, https.proxy().orElseThrow().getPort());
        assertEquals("user", https.proxy().orElseThrow().getUsername());
        assertEquals("pw", https.proxy().orElseThrow().getPassword());
        assertEquals(List.of("localhost", "*.corp.example", "10.0.0.1"), https.nonProxyHosts());

        ProxySettings http = ProxySettings.fromEnvironment("http://127.0.0.1:1/v2", Map.of("http_proxy", "squid:3128"));
        assertEquals("squid", http.proxy().orElseThrow().getHost());
        assertTrue(ProxySettings.fromEnvironment("https://api.zoom.us/v2", Map.of()).proxy().isEmpty());
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
