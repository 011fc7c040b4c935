package dev.openpsi.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Applies an {@link OutboundProxy} to the options of a Vert.x web client. A Vert.x client has one
 * proxy and a {@code nonProxyHosts} list that matches host names only (exactly or by {@code *}
 * pattern), so the decision is made here for the targets the client is built for: each one goes
 * through the proxy or direct exactly as {@link OutboundProxy#proxyFor} says. Other hosts follow
 * the NO_PROXY entries Vert.x can express (names and addresses for any port); port-bound entries
 * and CIDR blocks hold only for the named targets.
 */
public final class WebClientProxy {

    private WebClientProxy() {
    }

    /**
     * Sets {@code options}' proxy for a client that calls {@code targets} (e.g. an API and its OAuth
     * server).
     *
     * @throws IllegalArgumentException if two proxied targets need different proxies (one client has
     *                                  one proxy: build a client per target)
     */
    public static WebClientOptions configure(WebClientOptions options, OutboundProxy proxy, URI... targets) {
        ProxyEndpoint chosen = null;
        Set<String> proxiedHosts = new LinkedHashSet<>();
        Set<String> directHosts = new LinkedHashSet<>();
        for (URI target : targets) {
            Optional<ProxyEndpoint> endpoint = proxy.proxyFor(target);
            String host = target.getHost() == null ? null : target.getHost().toLowerCase(Locale.ROOT);
            if (endpoint.isEmpty()) {
                if (host != null) {
                    directHosts.add(host);
                }
                continue;
            }
            if (chosen != null && !chosen.equals(endpoint.get())) {
                throw new IllegalArgumentException("the targets of one client need different proxies ("
                        + chosen + ", " + endpoint.get() + "): use one client per target");
            }
            chosen = endpoint.get();
            proxiedHosts.add(host);
        }
        if (chosen == null) {
            options.setProxyOptions(null);
            options.setNonProxyHosts(null);
            return options;
        }
        options.setProxyOptions(toVertx(chosen));
        List<String> nonProxy = new ArrayList<>();
        for (String direct : directHosts) {
            nonProxy.add(direct);
            if (direct.startsWith("[")) {
                // Vert.x may see an IPv6 host with or without its brackets
                nonProxy.add(direct.substring(1, direct.length() - 1));
            }
        }
        nonProxy.addAll(proxy.noProxy().vertxPatterns());
        // a pattern that would also catch a target that must use the proxy (say the same host on
        // another port) is left out: the targets' own decision wins
        nonProxy.removeIf(pattern -> proxiedHosts.stream().anyMatch(host -> vertxMatches(pattern, host)));
        options.setNonProxyHosts(nonProxy.isEmpty() ? null : List.copyOf(new LinkedHashSet<>(nonProxy)));
        return options;
    }

    /** The Vert.x form of a proxy, with its credentials. */
    public static ProxyOptions toVertx(ProxyEndpoint endpoint) {
        ProxyOptions options = new ProxyOptions()
                .setType(switch (endpoint.kind()) {
                    case HTTP -> ProxyType.HTTP;
                    case SOCKS4 -> ProxyType.SOCKS4;
                    case SOCKS5 -> ProxyType.SOCKS5;
                })
                .setHost(endpoint.host())
                .setPort(endpoint.port());
        if (endpoint.hasCredentials()) {
            options.setUsername(endpoint.username());
            options.setPassword(endpoint.password() == null ? "" : endpoint.password());
        }
        return options;
    }

    /** How Vert.x's ProxyFilter reads a nonProxyHosts entry: {@code *} as any characters, else the exact host. */
    static boolean vertxMatches(String pattern, String host) {
        if (pattern.contains("*")) {
            return host.matches(pattern.replace(".", "\\.").replace("*", ".*"));
        }
        return pattern.equals(host);
    }
}
