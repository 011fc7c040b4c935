package dev.openpsi.testkit.quarkus;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.openpsi.testkit.infra.Infra;
import dev.openpsi.testkit.infra.PostgresEndpoint;

/**
 * Wires a real PostgreSQL into a {@code @QuarkusTest}: the JDBC URL (Flyway) and the reactive URL
 * (Hibernate Reactive) of database {@value #DATABASE}; each service keeps to its own schema in it.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "openpsi";

    @Override
    public Map<String, String> start() {
        PostgresEndpoint pg = Infra.postgres();
        pg.createDatabase(DATABASE);
        return Map.of(
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(DATABASE),
                "quarkus.datasource.reactive.url", pg.reactiveUrl(DATABASE),
                "quarkus.datasource.username", pg.user(),
                "quarkus.datasource.password", pg.password());
    }

    @Override
    public void stop() {
        // the server lives for the whole test JVM (started once, stopped at exit)
    }
}
