package dev.openpsi.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts a {@code NO_PROXY} value sends direct (DOMAIN.md "CloudLink connector": a comma list of
 * hosts, IPs, domains and host:port). Entries are trimmed and compared case-insensitively:
 * <ul>
 * <li>{@code *} alone: every host;</li>
 * <li>{@code example.com}, {@code .example.com} or {@code *.example.com}: that domain and every
 * subdomain (as curl does);</li>
 * <li>an IPv4 or IPv6 address ({@code 10.0.0.1}, {@code ::1}, {@code [::1]}): that address;</li>
 * <li>a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}): every address in it;</li>
 * <li>any of the above but {@code *} and CIDR with {@code :port} ({@code cmp.example:8289},
 * {@code [::1]:8080}): only that port.</li>
 * </ul>
 * Names are never resolved: a name entry matches names, an address entry matches address literals.
 * Entries that are none of these are ignored, as curl ignores them.
 */
public final class NoProxy {

    public static final NoProxy NONE = new NoProxy(List.of(), List.of());

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-f:.]+");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?");

    private final List<Rule> rules;
    private final List<String> ignored;

    private NoProxy(List<Rule> rules, List<String> ignored) {
        this.rules = rules;
        this.ignored = ignored;
    }

    /** One parsed entry; port -1 means any port. */
    private sealed interface Rule {
        /** @param address the bytes of {@code host} when it is an address literal, else null */
        boolean matches(String host, byte[] address, int port);

        /** The Vert.x nonProxyHosts patterns of this entry; none when Vert.x cannot express it. */
        List<String> vertxPatterns();
    }

    private record Everything() implements Rule {
        public boolean matches(String host, byte[] address, int port) {
            return true;
        }

        public List<String> vertxPatterns() {
            return List.of("*");
        }
    }

    private record Domain(String name, int port) implements Rule {
        public boolean matches(String host, byte[] address, int port) {
            return address == null && portMatches(this.port, port) && (host.equals(name) || host.endsWith("." + name));
        }

        public List<String> vertxPatterns() {
            return port < 0 ? List.of(name, "*." + name) : List.of();
        }
    }

    private record Address(byte[] address, int port) implements Rule {
        public boolean matches(String host, byte[] address, int port) {
            return address != null && portMatches(this.port, port) && Arrays.equals(this.address, address);
        }

        public List<String> vertxPatterns() {
            try {
                return port < 0 ? List.of(InetAddress.getByAddress(address).getHostAddress()) : List.of();
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private record Network(byte[] address, int prefix) implements Rule {
        public boolean matches(String host, byte[] candidate, int port) {
            if (candidate == null || candidate.length != address.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < candidate.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
                if ((address[i] & mask) != (candidate[i] & mask)) {
                    return false;
                }
            }
            return true;
        }

        public List<String> vertxPatterns() {
            return List.of();
        }
    }

    /** Parses a NO_PROXY value; null or blank: nothing goes direct. */
    public static NoProxy parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String part : value.split(",")) {
            String entry = part.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            Rule rule = rule(entry);
            if (rule == null) {
                ignored.add(entry);
            } else {
                rules.add(rule);
            }
        }
        return new NoProxy(List.copyOf(rules), List.copyOf(ignored));
    }

    private static Rule rule(String entry) {
        if (entry.equals("*")) {
            return new Everything();
        }
        int slash = entry.indexOf('/');
        if (slash >= 0) {
            byte[] base = literal(unbracket(entry.substring(0, slash)));
            String bits = entry.substring(slash + 1);
            if (base == null || !PORT.matcher(bits).matches() || Integer.parseInt(bits) > base.length * 8) {
                return null;
            }
            return new Network(base, Integer.parseInt(bits));
        }
        String host = entry;
        int port = -1;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                return null;
            }
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":") || (port = port(rest.substring(1))) < 0) {
                    return null;
                }
            }
            host = entry.substring(1, close);
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            // exactly one colon: host:port (an IPv6 address has at least two)
            int colon = entry.indexOf(':');
            if ((port = port(entry.substring(colon + 1))) < 0) {
                return null;
            }
            host = entry.substring(0, colon);
        }
        byte[] address = literal(host);
        if (address != null) {
            return new Address(address, port);
        }
        String name = domain(host);
        return name == null || !NAME.matcher(name).matches() ? null : new Domain(name, port);
    }

    private static int port(String text) {
        return PORT.matcher(text).matches() && Integer.parseInt(text) <= 65535 ? Integer.parseInt(text) : -1;
    }

    /** {@code *.example.com}, {@code .example.com} and {@code example.com.} all mean {@code example.com}. */
    private static String domain(String host) {
        String name = host.startsWith("*.") ? host.substring(2) : host.startsWith(".") ? host.substring(1) : host;
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The bytes of an IPv4 or IPv6 literal, or null for a name. Never a DNS lookup: IPv6 goes to
     * {@link InetAddress#getByName} only in brackets, where the JDK parses and does not resolve.
     */
    static byte[] literal(String host) {
        try {
            if (IPV4.matcher(host).matches()) {
                return InetAddress.getByName(host).getAddress();
            }
            if (host.indexOf(':') >= 0 && IPV6_CHARS.matcher(host).matches()) {
                return InetAddress.getByName("[" + host + "]").getAddress();
            }
        } catch (UnknownHostException invalid) {
            return null;
        }
        return null;
    }

    /** Whether {@code target} goes direct; its port is the scheme's default when it names none. */
    public boolean matches(URI target) {
        String host = target.getHost();
        return host != null && matches(host, effectivePort(target));
    }

    /** Whether {@code host} (a name or an address literal, IPv6 with or without brackets) on {@code port} goes direct. */
    public boolean matches(String host, int port) {
        String h = unbracket(host.strip().toLowerCase(Locale.ROOT));
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        byte[] address = literal(h);
        for (Rule rule : rules) {
            if (rule.matches(h, address, port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean portMatches(int rulePort, int port) {
        return rulePort < 0 || rulePort == port;
    }

    /** The URI's port, or the default of http(s)/ws(s); -1 when neither is known. */
    static int effectivePort(URI target) {
        if (target.getPort() >= 0) {
            return target.getPort();
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }

    /** Whether {@code *} is one of the entries: nothing goes through a proxy. */
    public boolean matchesEverything() {
        return rules.stream().anyMatch(r -> r instanceof Everything);
    }

    /**
     * The entries Vert.x's {@code nonProxyHosts} can express (it compares host names exactly or by
     * {@code *} pattern, with no port and no address block): names for any port become
     * {@code name} and {@code *.name}; addresses for any port their literal. Port-bound entries and
     * CIDR blocks have no Vert.x form.
     */
    List<String> vertxPatterns() {
        return rules.stream().flatMap(rule -> rule.vertxPatterns().stream()).toList();
    }

    /** Entries that were ignored because they are none of the documented forms. */
    public List<String> ignored() {
        return ignored;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
