package dev.openpsi.testkit.zoom;

import java.time.Duration;

/**
 * Zoom's rate-limit categories ("Rate Limit Label" on every endpoint of the public API reference).
 *
 * <p>Source: developers.zoom.us/docs/api/rate-limits, "Rate limits by account type" (Business+ column):
 * Light 80 req/s, Medium 60 req/s, Heavy 40 req/s, Resource-intensive 20 req/min (Pro: 30/20/10 per second,
 * 10/min). The {@link #headerValue()} is what Zoom sends in {@code X-RateLimit-Category}.
 */
public enum RateLimitCategory {
    LIGHT("Light", 80, Duration.ofSeconds(1)),
    MEDIUM("Medium", 60, Duration.ofSeconds(1)),
    HEAVY("Heavy", 40, Duration.ofSeconds(1)),
    RESOURCE_INTENSIVE("Resource-intensive", 20, Duration.ofMinutes(1));

    private final String headerValue;
    private final int businessPlusLimit;
    private final Duration window;

    RateLimitCategory(String headerValue, int businessPlusLimit, Duration window) {
        this.headerValue = headerValue;
        this.businessPlusLimit = businessPlusLimit;
        this.window = window;
    }

    /** The value of {@code X-RateLimit-Category}, e.g. {@code Medium}. */
    public String headerValue() {
        return headerValue;
    }

    /** Zoom's published limit for Business, Education, Enterprise and Partner accounts. */
    public int businessPlusLimit() {
        return businessPlusLimit;
    }

    /** The window the limit counts in: one second, or one minute for resource-intensive APIs. */
    public Duration window() {
        return window;
    }
}
