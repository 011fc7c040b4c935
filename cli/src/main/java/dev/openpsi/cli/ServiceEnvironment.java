package dev.openpsi.cli;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment that points a service's jar at a running stack: broker, database, realm and the
 * Zoom API it talks to. Used by {@code up}, the benchmarks and the whole-stack integration tests.
 *
 * @param kafkaBootstrapServers host:port of the broker
 * @param postgresHostPort      host:port of the PostgreSQL server holding database {@code openpsi}
 * @param oidcUrl               realm URL (issuer) the services validate tokens against
 * @param zoomApiUrl            Zoom REST API root (the simulator's outside production)
 * @param zoomOauthUrl          Zoom OAuth root
 */
public record ServiceEnvironment(String kafkaBootstrapServers, String postgresHostPort, String oidcUrl,
        String zoomApiUrl, String zoomOauthUrl) {

    public Map<String, String> variables() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("OPENPSI_DB_URL", "postgresql://" + postgresHostPort + "/openpsi");
        env.put("OPENPSI_DB_JDBC_URL", "jdbc:postgresql://" + postgresHostPort + "/openpsi");
        env.put("OPENPSI_OIDC_URL", oidcUrl);
        // the accounts the demo users of the realm belong to (cloudlink-daemon owns accounts)
        env.put("OPENPSI_DEMO_ENABLED", "true");
        // zoom-sync talks to the given Zoom (the simulator locally), never to Zoom by default
        env.put("OPENPSI_ZOOM_API_URL", zoomApiUrl);
        env.put("OPENPSI_ZOOM_OAUTH_URL", zoomOauthUrl);
        return env;
    }
}
