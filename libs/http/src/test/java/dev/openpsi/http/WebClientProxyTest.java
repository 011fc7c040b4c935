package dev.openpsi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.ext.web.client.WebClientOptions;

/** Vert.x web client options: one proxy per client, the targets' own decision kept. */
class WebClientProxyTest {

    private static final URI API = URI.create("https://api.zoom.us/v2");
    private static final URI OAUTH = URI.create("https://zoom.us/oauth/token");

    @Test
    void aProxiedClientGetsTheProxyWithItsCredentialsAndTheExpressibleBypasses() {
        OutboundProxy proxy = OutboundProxy.from(Map.of("HTTPS_PROXY", "http://svc:pw%21@proxy.corp:8080",
                "NO_PROXY", "localhost, .corp.example, cmp.corp.example:8289, 10.0.0.0/8"));
        WebClientOptions options = WebClientProxy.configure(new WebClientOptions(), proxy, API, OAUTH);
        ProxyOptions vertx = options.getProxyOptions();
        assertEquals(ProxyType.HTTP, vertx.getType());
        assertEquals("proxy.corp", vertx.getHost());
        assertEquals(8080, vertx.getPort());
        assertEquals("svc", vertx.getUsername());
        assertEquals("pw!", vertx.getPassword());
        assertEquals(List.of("localhost", "*.localhost", "corp.example", "*.corp.example"), options.getNonProxyHosts());
    }

    @Test
    void aTargetThatGoesDirectIsNamedExactly() {
        // the login host is bypassed by a port-bound entry Vert.x can not express: it is listed by name
        OutboundProxy proxy = OutboundProxy.from(Map.of("HTTPS_PROXY", "http://proxy.corp:8080", "NO_PROXY", "login.corp.example:443"));
        URI login = URI.create("https://login.corp.example/oauth/token");
        WebClientOptions options = WebClientProxy.configure(new WebClientOptions(), proxy, API, login);
        assertEquals("proxy.corp", options.getProxyOptions().getHost());
        assertEquals(List.of("login.corp.example"), options.getNonProxyHosts());
    }

    @Test
    void theSameHostOnAnotherPortStaysProxied() {
        // Vert.x can not say "svc.example direct on 8443 only": the proxied target wins, the client
        // sends both through the proxy rather than the 443 one direct
        OutboundProxy proxy = OutboundProxy.from(Map.of("HTTPS_PROXY", "http://proxy.corp:8080", "NO_PROXY", "svc.example:8443"));
        URI proxied = URI.create("https://svc.example/");
        URI direct = URI.create("https://svc.example:8443/");
        assertTrue(proxy.proxyFor(proxied).isPresent());
        assertTrue(proxy.proxyFor(direct).isEmpty());
        WebClientOptions options = WebClientProxy.configure(new WebClientOptions(), proxy, proxied, direct);
        assertEquals("proxy.corp", options.getProxyOptions().getHost());
        assertNull(options.getNonProxyHosts());
    }

    @Test
    void aClientWhoseTargetsAllGoDirectHasNoProxy() {
        OutboundProxy proxy = OutboundProxy.from(Map.of("HTTPS_PROXY", "http://proxy.corp:8080", "NO_PROXY", "*"));
        WebClientOptions options = new WebClientOptions().setProxyOptions(new ProxyOptions().setHost("stale"));
        WebClientProxy.configure(options, proxy, API, OAUTH);
        assertNull(options.getProxyOptions());
        assertNull(WebClientProxy.configure(new WebClientOptions(), OutboundProxy.DIRECT, API).getProxyOptions());
        assertNull(WebClientProxy.configure(new WebClientOptions(), OutboundProxy.from(Map.of("HTTP_PROXY", "p:1")), API)
                .getProxyOptions(), "an https target does not use HTTP_PROXY");
    }

    @Test
    void targetsNeedingDifferentProxiesCannotShareAClient() {
        OutboundProxy proxy = OutboundProxy.from(Map.of("HTTPS_PROXY", "http://a.corp:1", "HTTP_PROXY", "http://b.corp:2"));
        assertThrows(IllegalArgumentException.class,
                () -> WebClientProxy.configure(new WebClientOptions(), proxy, API, URI.create("http://plain.example/")));
    }

    @Test
    void socksProxiesKeepTheirType() {
        ProxyOptions socks = WebClientProxy.toVertx(ProxyEndpoint.parse("ALL_PROXY", "socks5://u:p@gw:1080"));
        assertEquals(ProxyType.SOCKS5, socks.getType());
        assertEquals("u", socks.getUsername());
    }
}
