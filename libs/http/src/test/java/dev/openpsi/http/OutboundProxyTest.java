package dev.openpsi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which proxy a target uses, read from the environment as curl reads it. */
class OutboundProxyTest {

    private static final URI ZOOM = URI.create("https://api.zoom.us/v2/users");
    private static final URI PLAIN = URI.create("http://10.0.0.7:8080/x");

    @Test
    void theSchemeOfTheTargetPicksTheVariable() {
        OutboundProxy proxy = OutboundProxy.from(Map.of("HTTPS_PROXY", "http://secure.corp:8443", "HTTP_PROXY", "http://plain.corp:3128"));
        assertEquals("secure.corp", proxy.proxyFor(ZOOM).orElseThrow().host());
        assertEquals(8443, proxy.proxyFor(ZOOM).orElseThrow().port());
        assertEquals("plain.corp", proxy.proxyFor(PLAIN).orElseThrow().host());
        assertEquals("secure.corp", proxy.proxyFor(URI.create("wss://push.example/ws")).orElseThrow().host());
        assertTrue(proxy.proxyFor(URI.create("ftp://files.example/")).isEmpty());
        assertTrue(proxy.proxyFor(URI.create("mailto:someone@example.com")).isEmpty());
    }

    @Test
    void anHttpsTargetDoesNotBorrowHttpProxyButAllProxyIsTheFallback() {
        assertTrue(OutboundProxy.from(Map.of("HTTP_PROXY", "http://plain.corp:3128")).proxyFor(ZOOM).isEmpty());
        OutboundProxy all = OutboundProxy.from(Map.of("ALL_PROXY", "http://all.corp:3128", "https_proxy", "http://s.corp:1"));
        assertEquals("s.corp", all.proxyFor(ZOOM).orElseThrow().host());
        assertEquals("all.corp", all.proxyFor(PLAIN).orElseThrow().host());
    }

    @Test
    void lowerCaseWinsAndEmptyCountsAsUnset() {
        OutboundProxy proxy = OutboundProxy.from(Map.of("https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2",
                "no_proxy", "lower.example", "NO_PROXY", "upper.example"));
        assertEquals("lower", proxy.proxyFor(ZOOM).orElseThrow().host());
        assertTrue(proxy.proxyFor(URI.create("https://lower.example/")).isEmpty());
        assertTrue(proxy.proxyFor(URI.create("https://upper.example/")).isPresent());

        OutboundProxy empty = OutboundProxy.from(Map.of("https_proxy", " ", "HTTPS_PROXY", "http://upper:2", "no_proxy", ""));
        assertEquals("upper", empty.proxyFor(ZOOM).orElseThrow().host());
        assertTrue(OutboundProxy.from(Map.of()).isDirect());
        assertTrue(OutboundProxy.from(Map.of()).proxyFor(ZOOM).isEmpty());
    }

    @Test
    void noProxyDecidesPerTarget() {
        OutboundProxy proxy = OutboundProxy.from(Map.of("HTTPS_PROXY", "proxy.corp:3128",
                "NO_PROXY", "localhost,.corp.example,cmp.corp.example:8289,10.0.0.0/8"));
        assertTrue(proxy.proxyFor(ZOOM).isPresent());
        assertTrue(proxy.proxyFor(URI.create("https://sbc.corp.example/")).isEmpty());
        assertTrue(proxy.proxyFor(URI.create("https://10.9.8.7:8443/")).isEmpty());
        assertTrue(proxy.proxyFor(URI.create("https://localhost:8443/")).isEmpty());
    }

    @Test
    void theProxyUrlIsReadLikeCurl() {
        ProxyEndpoint bare = ProxyEndpoint.parse("HTTPS_PROXY", "squid.corp:3128");
        assertEquals(new ProxyEndpoint(ProxyEndpoint.Kind.HTTP, "squid.corp", 3128, null, null), bare);
        assertEquals(ProxyEndpoint.DEFAULT_PORT, ProxyEndpoint.parse("HTTPS_PROXY", "http://squid.corp").port());
        assertEquals("::1", ProxyEndpoint.parse("HTTPS_PROXY", "http://[::1]:3128").host());
        assertEquals(ProxyEndpoint.Kind.SOCKS5, ProxyEndpoint.parse("ALL_PROXY", "socks5h://gw:1080").kind());
        assertEquals(ProxyEndpoint.Kind.SOCKS4, ProxyEndpoint.parse("ALL_PROXY", "socks4://gw:1080").kind());

        ProxyEndpoint withCredentials = ProxyEndpoint.parse("HTTPS_PROXY", "http://us%40er:p%3Aw+rd%21@proxy.corp:8080/");
        assertEquals("us@er", withCredentials.username());
        assertEquals("p:w+rd!", withCredentials.password());
        ProxyEndpoint userOnly = ProxyEndpoint.parse("HTTPS_PROXY", "http://user@proxy.corp:8080");
        assertEquals("user", userOnly.username());
        assertNull(userOnly.password());
    }

    @Test
    void credentialsNeverShowInTextOrErrors() {
        String secret = "Top$ecret";
        OutboundProxy proxy = OutboundProxy.from(Map.of("HTTPS_PROXY", "http://svc:" + secret + "@proxy.corp:8080"));
        assertEquals(secret, proxy.proxyFor(ZOOM).orElseThrow().password());
        assertFalse(proxy.toString().contains(secret), proxy.toString());
        assertFalse(proxy.proxyFor(ZOOM).orElseThrow().toString().contains(secret));
        assertEquals("http://svc:***@proxy.corp:8080", proxy.proxyFor(ZOOM).orElseThrow().toString());
        assertFalse(proxy.selector().toString().contains(secret));

        for (String broken : List.of("https://svc:" + secret + "@proxy.corp:8080", "http://svc:" + secret + "@:8080",
                "http://svc:" + secret + "@proxy corp")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OutboundProxy.from(Map.of("HTTPS_PROXY", broken)));
            assertTrue(e.getMessage().contains("HTTPS_PROXY"), e.getMessage());
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
    }

    @Test
    void asAProxySelector() {
        ProxySelector selector = OutboundProxy.from(Map.of("HTTPS_PROXY", "http://proxy.corp:8080",
                "ALL_PROXY", "socks5://gw.corp:1080", "NO_PROXY", ".internal")).selector();
        List<Proxy> zoom = selector.select(ZOOM);
        assertEquals(1, zoom.size());
        assertEquals(Proxy.Type.HTTP, zoom.get(0).type());
        InetSocketAddress address = (InetSocketAddress) zoom.get(0).address();
        assertTrue(address.isUnresolved(), "the proxy's name is left to the client to resolve");
        assertEquals("proxy.corp", address.getHostString());
        assertEquals(8080, address.getPort());
        assertEquals(Proxy.Type.SOCKS, selector.select(PLAIN).get(0).type());
        assertEquals(List.of(Proxy.NO_PROXY), selector.select(URI.create("https://db.internal/")));
        assertEquals(List.of(Proxy.NO_PROXY), selector.select(URI.create("socket://db.example:5432")));
        assertEquals(List.of(Proxy.NO_PROXY), OutboundProxy.DIRECT.selector().select(ZOOM));
        assertThrows(IllegalArgumentException.class, () -> selector.select(null));
    }
}
