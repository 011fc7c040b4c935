package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of the CloudLink connectors ({@code openpsi.connectors.*}). */
@ConfigMapping(prefix = "openpsi.connectors")
public interface ConnectorConfig {

    /** The largest clock offset a linking connector may have; beyond it the exchange is refused. */
    @WithDefault("60s")
    @WithName("clock-tolerance")
    Duration clockTolerance();

    /** How long a link token can be exchanged. */
    @WithDefault("15m")
    @WithName("link-token-ttl")
    Duration linkTokenTtl();

    /** How often a connector sends a heartbeat (told to it when linking). */
    @WithDefault("30s")
    @WithName("heartbeat-interval")
    Duration heartbeatInterval();

    /** No heartbeat for this long makes the component Disconnected. */
    @WithDefault("90s")
    @WithName("heartbeat-timeout")
    Duration heartbeatTimeout();

    /** How often the heartbeat timeout is checked. */
    @WithDefault("10s")
    @WithName("check-interval")
    Duration checkInterval();

    /** How often a connector sends its inventory report (DOMAIN.md: about every 30 minutes). */
    @WithDefault("30m")
    @WithName("inventory-interval")
    Duration inventoryInterval();

    /** Slack after the inventory interval before an inventory counts as overdue. */
    @WithDefault("5m")
    @WithName("inventory-grace")
    Duration inventoryGrace();
}
