package dev.openpsi.zoomsync.client;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;

/**
 * The outbound proxy from the conventional environment: {@code HTTPS_PROXY} for https targets,
 * {@code HTTP_PROXY} for http ones (lower-case names too), {@code NO_PROXY} as a comma list of hosts
 * or domain suffixes that go direct.
 */
public record ProxySettings(Optional<ProxyOptions> proxy, List<String> nonProxyHosts) {

    public static ProxySettings fromEnvironment(String targetUrl, Map<String, String> env) {
        boolean https = targetUrl.regionMatches(true, 0, "https:", 0, 6);
        String raw = first(env, https ? "HTTPS_PROXY" : "HTTP_PROXY", https ? "https_proxy" : "http_proxy");
        String noProxy = first(env, "NO_PROXY", "no_proxy");
        List<String> bypass = noProxy == null ? List.of()
                : Arrays.stream(noProxy.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> s.startsWith(".") ? "*" + s : s).toList();
        if (raw == null || raw.isBlank()) {
            return new ProxySettings(Optional.empty(), bypass);
        }
        URI uri = URI.create(raw.contains("://") ? raw.trim() : "http://" + raw.trim());
        ProxyOptions options = new ProxyOptions().setType(ProxyType.HTTP).setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : 3128);
        if (uri.getUserInfo() != null) {
            String[] userPass = uri.getUserInfo().split(":", 2);
            options.setUsername(userPass[0]);
            if (userPass.length > 1) {
                options.setPassword(userPass[1]);
            }
        }
        return new ProxySettings(Optional.of(options), bypass);
    }

    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
