package dev.openpsi.cloudlinkdaemon.replay;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of replays ({@code openpsi.replay.*}). */
@ConfigMapping(prefix = "openpsi.replay")
public interface ReplayConfig {

    /** Events per second when a request names no rate: gentle on the target service. */
    @WithDefault("500")
    @WithName("default-rate")
    double defaultRate();

    /** How often a running replay writes its progress. */
    @WithDefault("500ms")
    @WithName("progress-interval")
    Duration progressInterval();

    /** Replays executing at the same time; more wait in line. */
    @WithDefault("2")
    int concurrency();

    /**
     * Consumers reading one scan's partitions at once; 0 (the default): one per processor. One
     * reader alone was CPU-bound well below what the broker serves; more readers than cores only
     * took CPU from the journal and the sender (measured: 2 readers on 2 cores beat 3).
     */
    @WithDefault("0")
    @WithName("scan-threads")
    int scanThreads();

    /** How often an instance marks the replays it runs (or holds in line) as alive. */
    @WithDefault("10s")
    @WithName("heartbeat-interval")
    Duration heartbeatInterval();

    /**
     * A replay still running whose heartbeat is older than this has no live runner: its daemon
     * stopped. Several heartbeat intervals, so a slow tick of a live instance is not mistaken for it.
     */
    @WithDefault("60s")
    @WithName("abandoned-after")
    Duration abandonedAfter();
}
