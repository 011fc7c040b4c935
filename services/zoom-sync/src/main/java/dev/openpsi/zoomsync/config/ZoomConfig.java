package dev.openpsi.zoomsync.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The Zoom edge ({@code openpsi.zoom.*}): where Zoom is, how long to wait, how often to retry, how fast to go. */
@ConfigMapping(prefix = "openpsi.zoom")
public interface ZoomConfig {

    /** The REST API root, {@code https://api.zoom.us/v2}. */
    @WithName("api-url")
    @WithDefault("https://api.zoom.us/v2")
    String apiUrl();

    /** The OAuth root, {@code https://zoom.us/oauth} (token endpoint: {@code <oauth-url>/token}). */
    @WithName("oauth-url")
    @WithDefault("https://zoom.us/oauth")
    String oauthUrl();

    @WithName("connect-timeout")
    @WithDefault("5s")
    Duration connectTimeout();

    @WithName("idle-timeout")
    @WithDefault("60s")
    Duration idleTimeout();

    /** Whole-request timeout of one HTTP exchange. */
    @WithName("request-timeout")
    @WithDefault("20s")
    Duration requestTimeout();

    /** Attempts of an idempotent call (GET, PATCH, DELETE) on 5xx or timeout, the first included. */
    @WithName("max-attempts")
    @WithDefault("4")
    int maxAttempts();

    /** First backoff of the jittered exponential backoff. */
    @WithName("initial-backoff")
    @WithDefault("200ms")
    Duration initialBackoff();

    @WithName("max-backoff")
    @WithDefault("5s")
    Duration maxBackoff();

    /** How many 429 answers one call waits out before it gives up. */
    @WithName("max-throttled-retries")
    @WithDefault("5")
    int maxThrottledRetries();

    /** Wait after a 429 without Retry-After. */
    @WithName("throttle-fallback")
    @WithDefault("1s")
    Duration throttleFallback();

    /** Access tokens are refreshed this long before they expire. */
    @WithName("refresh-ahead")
    @WithDefault("5m")
    Duration refreshAhead();

    @WithName("rate-limits")
    RateLimits rateLimits();

    Provisioning provisioning();

    /** Requests per second per account and category; Zoom's Business+ defaults (Pro: 30/20/10). */
    interface RateLimits {
        @WithDefault("80")
        int light();

        @WithDefault("60")
        int medium();

        @WithDefault("40")
        int heavy();

        /**
         * Percent of each limit kept free: slots are paced at (100 - headroom)% of the limit, so network
         * and scheduling jitter (a request sent on time arriving late, the next one early) does not put
         * one request too many into Zoom's sliding one-second window.
         */
        @WithDefault("3")
        int headroom();
    }

    interface Provisioning {
        /** Whether this instance drains the provisioning queue (any number of replicas may). */
        @WithDefault("true")
        @WithName("worker-enabled")
        boolean workerEnabled();

        @WithName("poll-interval")
        @WithDefault("250ms")
        Duration pollInterval();

        /** Users per worker round: the product adds at most 50 users at a time. */
        @WithName("batch-size")
        @WithDefault("50")
        int batchSize();

        /** Worker attempts of one user before ProvisioningFailed (ZoomApiError). */
        @WithName("max-attempts")
        @WithDefault("5")
        int maxAttempts();

        @WithName("retry-backoff")
        @WithDefault("1s")
        Duration retryBackoff();

        /** registration_expire_time of the SIP phones, minutes (1..127). */
        @WithName("registration-expire-minutes")
        @WithDefault("60")
        int registrationExpireMinutes();
    }
}
