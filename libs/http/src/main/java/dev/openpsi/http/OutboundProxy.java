package dev.openpsi.http;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outbound proxy of a service, from the conventional environment (DOMAIN.md "CloudLink
 * connector": {@code HTTP_PROXY}, {@code HTTPS_PROXY}, {@code NO_PROXY}). As curl reads them:
 * <ul>
 * <li>https (and wss) targets use {@code https_proxy}, http (and ws) targets {@code http_proxy};
 * {@code all_proxy} is the fallback for both; other schemes go direct;</li>
 * <li>each variable is read lower-case first, then upper-case (the lower-case one wins); an
 * empty variable counts as unset;</li>
 * <li>{@code no_proxy}/{@code NO_PROXY} lists what goes direct ({@link NoProxy}).</li>
 * </ul>
 * Offered as a {@link ProxySelector} ({@link #selector()}) for JDK clients and through
 * {@link WebClientProxy} for Vert.x clients. Credentials come from the proxy URL's userinfo and
 * never appear in {@link #toString()}.
 */
public final class OutboundProxy {

    /** No proxy at all. */
    public static final OutboundProxy DIRECT = new OutboundProxy(null, null, NoProxy.NONE);

    private final ProxyEndpoint http;
    private final ProxyEndpoint https;
    private final NoProxy noProxy;

    private OutboundProxy(ProxyEndpoint http, ProxyEndpoint https, NoProxy noProxy) {
        this.http = http;
        this.https = https;
        this.noProxy = noProxy;
    }

    /** The proxy of this process's environment. */
    public static OutboundProxy fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * The proxy of {@code env} (variable name to value).
     *
     * @throws IllegalArgumentException when a proxy variable is not a usable proxy URL (the message
     *                                  names the variable, never its value)
     */
    public static OutboundProxy from(Map<String, String> env) {
        Optional<Map.Entry<String, String>> all = variable(env, "all_proxy");
        ProxyEndpoint http = variable(env, "http_proxy").or(() -> all).map(OutboundProxy::endpoint).orElse(null);
        ProxyEndpoint https = variable(env, "https_proxy").or(() -> all).map(OutboundProxy::endpoint).orElse(null);
        NoProxy noProxy = NoProxy.parse(variable(env, "no_proxy").map(Map.Entry::getValue).orElse(null));
        return new OutboundProxy(http, https, noProxy);
    }

    /** The lower-case variable if set, else the upper-case one: name and value. */
    private static Optional<Map.Entry<String, String>> variable(Map<String, String> env, String lowerName) {
        for (String name : List.of(lowerName, lowerName.toUpperCase(Locale.ROOT))) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(Map.entry(name, value));
            }
        }
        return Optional.empty();
    }

    private static ProxyEndpoint endpoint(Map.Entry<String, String> variable) {
        return ProxyEndpoint.parse(variable.getKey(), variable.getValue());
    }

    /** The proxy for {@code target}, or empty when it goes direct. */
    public Optional<ProxyEndpoint> proxyFor(URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        ProxyEndpoint endpoint = switch (scheme) {
            case "https", "wss" -> https;
            case "http", "ws" -> http;
            default -> null;
        };
        if (endpoint == null || target.getHost() == null || noProxy.matches(target)) {
            return Optional.empty();
        }
        return Optional.of(endpoint);
    }

    public NoProxy noProxy() {
        return noProxy;
    }

    /** Whether any proxy is configured at all. */
    public boolean isDirect() {
        return http == null && https == null;
    }

    /**
     * This proxy as a {@link ProxySelector}, e.g. for {@code java.net.http.HttpClient.Builder.proxy}.
     * Pair it with {@link #authenticator()} when the proxy wants credentials.
     */
    public ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                if (uri == null) {
                    throw new IllegalArgumentException("uri is null");
                }
                return proxyFor(uri).map(e -> List.of(new Proxy(e.kind() == ProxyEndpoint.Kind.HTTP ? Proxy.Type.HTTP
                        : Proxy.Type.SOCKS, InetSocketAddress.createUnresolved(e.host(), e.port())))).orElse(List.of(Proxy.NO_PROXY));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // one proxy per scheme, nothing to fail over to
            }

            @Override
            public String toString() {
                return "ProxySelector[" + OutboundProxy.this + "]";
            }
        };
    }

    /**
     * Answers proxy authentication challenges of the configured proxies with the credentials of
     * their URL; server challenges get nothing. (The JDK HttpClient does not send Basic
     * credentials through a CONNECT tunnel unless {@code jdk.http.auth.tunneling.disabledSchemes}
     * allows it.)
     */
    public Authenticator authenticator() {
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY) {
                    return null;
                }
                for (ProxyEndpoint e : new ProxyEndpoint[] {http, https}) {
                    if (e != null && e.hasCredentials() && e.host().equalsIgnoreCase(getRequestingHost())
                            && e.port() == getRequestingPort()) {
                        return new PasswordAuthentication(e.username(),
                                (e.password() == null ? "" : e.password()).toCharArray());
                    }
                }
                return null;
            }
        };
    }

    @Override
    public String toString() {
        return "OutboundProxy[http=" + (http == null ? "direct" : http) + ", https=" + (https == null ? "direct" : https)
                + ", noProxy=" + (noProxy.isEmpty() ? "none" : "set") + "]";
    }
}
