package dev.openpsi.zoomsync.client;

/** Zoom's rate-limit labels ("Rate Limit Label" of every endpoint; X-RateLimit-Category). */
public enum RateCategory {
    LIGHT,
    MEDIUM,
    HEAVY
}
