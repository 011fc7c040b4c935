package dev.openpsi.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One proxy server from a proxy variable, e.g. {@code http://user:pass@proxy.corp:3128}. The
 * password is never part of {@link #toString()} nor of an error message.
 *
 * @param username null without credentials
 * @param password null without credentials
 */
public record ProxyEndpoint(Kind kind, String host, int port, String username, String password) {

    /** How the proxy is spoken to. */
    public enum Kind {
        /** An HTTP proxy: CONNECT for https targets, absolute URIs for http ones. */
        HTTP,
        SOCKS4,
        SOCKS5
    }

    /** curl's default when the variable names no port. */
    public static final int DEFAULT_PORT = 1080;

    /**
     * Parses the value of {@code variable}. Without a scheme it is an HTTP proxy (as curl reads
     * {@code proxy.corp:3128}); user and password are percent-decoded.
     *
     * @throws IllegalArgumentException naming the variable, never its value (it may hold a password)
     */
    public static ProxyEndpoint parse(String variable, String value) {
        String raw = value.strip();
        URI uri;
        try {
            uri = new URI(raw.contains("://") ? raw : "http://" + raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(variable + " is not a proxy URL");
        }
        Kind kind = switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "http" -> Kind.HTTP;
            case "socks4", "socks4a" -> Kind.SOCKS4;
            case "socks5", "socks5h" -> Kind.SOCKS5;
            default -> throw new IllegalArgumentException(variable + ": proxy scheme '" + uri.getScheme()
                    + "' is not supported (use http://, socks4:// or socks5://)");
        };
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(variable + " names no proxy host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            username = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        return new ProxyEndpoint(kind, host, uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT, username, password);
    }

    private static String decode(String raw) {
        // percent-decoding only: a '+' in a password is a plus, not a space
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public boolean hasCredentials() {
        return username != null;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + "://" + (username == null ? "" : username + ":***@")
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
