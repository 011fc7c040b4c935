package dev.openpsi.cloudlinkdaemon.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Creates the accounts the demo users of the local realm belong to, when
 * {@code openpsi.demo.enabled=true} (the local stack and the tests). A runtime switch rather than a
 * Flyway location, so production schemas never carry demo migrations.
 */
@ApplicationScoped
public class DemoAccounts {

    private static final Logger LOG = Logger.getLogger(DemoAccounts.class);
    private static final String SCRIPT = "/demo/accounts.sql";

    private final Pool pool;
    private final boolean enabled;

    public DemoAccounts(Pool pool, @ConfigProperty(name = "openpsi.demo.enabled", defaultValue = "false") boolean enabled) {
        this.pool = pool;
        this.enabled = enabled;
    }

    // Startup runs on the main thread (after Flyway), where waiting for the insert is allowed.
    void load(@Observes StartupEvent startup) {
        if (!enabled) {
            return;
        }
        int inserted = pool.query(script()).execute().await().atMost(Duration.ofSeconds(30)).rowCount();
        LOG.infof("demo accounts present (%d created now)", inserted);
    }

    private static String script() {
        try (InputStream in = DemoAccounts.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
