package dev.openpsi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every NO_PROXY form of DOMAIN.md, decided per target without a server or a DNS lookup. */
class NoProxyTest {

    private static boolean direct(String noProxy, String target) {
        return NoProxy.parse(noProxy).matches(URI.create(target));
    }

    @Test
    void unsetOrEmptySendsNothingDirect() {
        assertFalse(direct(null, "https://api.zoom.us/v2"));
        assertFalse(direct("", "https://api.zoom.us/v2"));
        assertFalse(direct(" , ,", "https://api.zoom.us/v2"));
        assertTrue(NoProxy.parse(" ").isEmpty());
    }

    @Test
    void aHostMatchesItselfWhateverTheCase() {
        assertTrue(direct("localhost", "http://localhost:8080/x"));
        assertTrue(direct("LocalHost", "http://localhost/"));
        assertTrue(direct("localhost", "http://LOCALHOST/"));
        assertFalse(direct("localhost", "http://localhost.evil.example/"));
        assertFalse(direct("localhost", "http://127.0.0.1/"), "names are never resolved");
    }

    @Test
    void aDomainMatchesItselfAndEverySubdomainWithOrWithoutLeadingDot() {
        for (String entry : List.of("example.com", ".example.com", "*.example.com", "EXAMPLE.COM.")) {
            assertTrue(direct(entry, "https://example.com/"), entry);
            assertTrue(direct(entry, "https://api.example.com/"), entry);
            assertTrue(direct(entry, "https://a.b.example.com:8443/"), entry);
            assertTrue(direct(entry, "https://api.example.com./"), entry + " and a fully qualified host");
            assertFalse(direct(entry, "https://notexample.com/"), entry);
            assertFalse(direct(entry, "https://example.com.evil.net/"), entry);
            assertFalse(direct(entry, "https://example.org/"), entry);
        }
    }

    @Test
    void entriesAreTrimmedAndCommaSeparated() {
        String list = "  localhost ,.corp.example,, 10.0.0.1 ,cmp.corp.example:8289 ";
        assertTrue(direct(list, "http://localhost/"));
        assertTrue(direct(list, "https://sbc.corp.example/"));
        assertTrue(direct(list, "http://10.0.0.1:8080/"));
        assertFalse(direct(list, "https://api.zoom.us/"));
    }

    @Test
    void aHostWithAPortMatchesOnlyThatPort() {
        // the guide's rule: NO_PROXY holds the CMP address with port 8289
        assertTrue(direct("cmp.example.com:8289", "https://cmp.example.com:8289/api"));
        assertFalse(direct("cmp.example.com:8289", "https://cmp.example.com/api"));
        assertFalse(direct("cmp.example.com:8289", "https://cmp.example.com:8443/api"));
        assertTrue(direct("10.1.2.3:8289", "https://10.1.2.3:8289/"));
        assertFalse(direct("10.1.2.3:8289", "https://10.1.2.3:8288/"));
        // without a port in the URI the scheme's default counts
        assertTrue(direct("api.example.com:443", "https://api.example.com/"));
        assertTrue(direct("api.example.com:80", "http://api.example.com/"));
        assertFalse(direct("api.example.com:80", "https://api.example.com/"));
        assertTrue(direct("example.com:8289", "https://cmp.example.com:8289/"), "a domain with a port: its subdomains on that port");
    }

    @Test
    void anIpv4AddressMatchesExactly() {
        assertTrue(direct("10.0.0.1", "http://10.0.0.1/"));
        assertFalse(direct("10.0.0.1", "http://10.0.0.10/"));
        assertFalse(direct("10.0.0.1", "http://110.0.0.1/"));
        assertFalse(direct("0.0.1", "http://10.0.0.1/"), "an address is not a domain suffix");
    }

    @Test
    void ipv6LiteralsMatchInAnySpelling() {
        assertTrue(direct("::1", "http://[::1]:8080/"));
        assertTrue(direct("[::1]", "http://[::1]/"));
        assertTrue(direct("0:0:0:0:0:0:0:1", "http://[::1]/"));
        assertTrue(direct("2001:DB8::1", "https://[2001:db8:0::1]/"));
        assertFalse(direct("::1", "http://[::2]/"));
        assertTrue(direct("[::1]:8080", "http://[::1]:8080/"));
        assertFalse(direct("[::1]:8080", "http://[::1]:8081/"));
        assertTrue(NoProxy.parse("::1").matches("[::1]", 80));
        assertTrue(NoProxy.parse("::1").matches("::1", 80));
    }

    @Test
    void cidrBlocksMatchTheAddressesInThem() {
        assertTrue(direct("10.0.0.0/8", "http://10.200.3.4/"));
        assertFalse(direct("10.0.0.0/8", "http://11.0.0.1/"));
        assertTrue(direct("192.168.1.0/24", "https://192.168.1.255/"));
        assertFalse(direct("192.168.1.0/24", "https://192.168.2.1/"));
        assertTrue(direct("172.16.0.0/12", "https://172.31.255.1/"));
        assertFalse(direct("172.16.0.0/12", "https://172.32.0.1/"));
        assertTrue(direct("0.0.0.0/0", "https://8.8.8.8/"));
        assertTrue(direct("fd00::/8", "https://[fd12:3456::1]/"));
        assertFalse(direct("fd00::/8", "https://[fe80::1]/"));
        assertTrue(direct("[fe80::]/10", "https://[febf::1]/"));
        assertFalse(direct("10.0.0.0/8", "https://ten.example/"), "a block matches addresses, not names");
        assertFalse(direct("10.0.0.0/8", "https://[::1]/"));
    }

    @Test
    void aStarAloneSendsEverythingDirect() {
        assertTrue(direct("*", "https://api.zoom.us/"));
        assertTrue(direct("foo, *", "http://10.0.0.1/"));
        assertTrue(NoProxy.parse("*").matchesEverything());
    }

    @Test
    void entriesOfNoKnownFormAreIgnoredNotGuessed() {
        NoProxy noProxy = NoProxy.parse("10.0.0.0/33, host:notaport, host:99999, [::1, exa mple.com, good.example");
        assertEquals(List.of("10.0.0.0/33", "host:notaport", "host:99999", "[::1", "exa mple.com"), noProxy.ignored());
        assertTrue(noProxy.matches(URI.create("https://good.example/")));
        assertFalse(noProxy.matches(URI.create("https://host/")));
    }

    @Test
    void vertxGetsTheEntriesItCanExpress() {
        NoProxy noProxy = NoProxy.parse("localhost, .corp.example, 10.0.0.1, ::1, cmp.example:8289, 10.0.0.0/8, *");
        assertEquals(List.of("localhost", "*.localhost", "corp.example", "*.corp.example", "10.0.0.1",
                "0:0:0:0:0:0:0:1", "*"), noProxy.vertxPatterns());
    }
}
