package dev.openpsi.cloudlinkdaemon.journal;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of the event journal ({@code openpsi.journal.*}). */
@ConfigMapping(prefix = "openpsi.journal")
public interface JournalConfig {

    /** The journal's own consumer group: it reads every topic independently of the service's handlers. */
    String GROUP = "openpsi.cloudlink-daemon.journal";

    /** Whether this instance runs the intake consumer (the API works either way). */
    @WithDefault("true")
    @WithName("intake-enabled")
    boolean intakeEnabled();

    /** How long a poll waits for records. */
    @WithDefault("200ms")
    @WithName("poll-timeout")
    Duration pollTimeout();

    /** Rows older than this (by received_at) are purged. */
    @WithDefault("30d")
    Duration retention();

    /** How often the purge runs. */
    @WithDefault("1h")
    @WithName("purge-interval")
    Duration purgeInterval();

    /** Rows deleted per purge statement (short transactions). */
    @WithDefault("5000")
    @WithName("purge-chunk")
    int purgeChunk();
}
