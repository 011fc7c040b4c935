package dev.openpsi.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Delivery settings of a service ({@code openpsi.messaging.*}). */
@ConfigMapping(prefix = "openpsi.messaging")
public interface MessagingConfig {

    /** This service's id (e.g. {@code osv-adapter}): ce_source, consumer group and replay topic derive from it. */
    String service();

    Outbox outbox();

    Consumer consumer();

    interface Outbox {
        /** Whether this instance runs the relay (several replicas may; one leads at a time). */
        @WithDefault("true")
        @WithName("relay-enabled")
        boolean relayEnabled();

        /** How long the relay sleeps when the outbox is empty. */
        @WithDefault("50ms")
        @WithName("poll-interval")
        Duration pollInterval();

        @WithDefault("500")
        @WithName("batch-size")
        int batchSize();
    }

    interface Consumer {
        @WithDefault("true")
        boolean enabled();

        /** Attempts of a failing handler before its event is dead-lettered. */
        @WithDefault("5")
        @WithName("max-attempts")
        int maxAttempts();

        @WithDefault("200ms")
        @WithName("retry-backoff")
        Duration retryBackoff();
    }
}
