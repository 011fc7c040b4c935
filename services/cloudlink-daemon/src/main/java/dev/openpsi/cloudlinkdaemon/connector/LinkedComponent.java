package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An on-premise component linked to an account through its connector (table from V12). The
 * latest inventory document is kept in the same row but read and written by SQL only
 * ({@link ComponentRepository}): the list does not need it.
 */
@Entity
@Table(name = "connector_component")
public class LinkedComponent {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String account;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public ComponentKind type;

    @Column(nullable = false, updatable = false)
    public String name;

    @Column(nullable = false, updatable = false)
    public String identity;

    @Column(nullable = false)
    public String host;

    @Column(name = "instance_id", nullable = false)
    public String instanceId;

    @Column(name = "credential_hash", nullable = false)
    public String credentialHash;

    @Column(nullable = false)
    public boolean connected;

    @Column(nullable = false)
    public boolean activated;

    @Column(name = "reenable_needed", nullable = false)
    public boolean reenableNeeded;

    @Column(name = "status_detail")
    public String statusDetail;

    /** The nodes of the last heartbeat as JSON ({@link NodeState} list). */
    @Column(nullable = false)
    public String nodes;

    @Column(name = "linked_at", nullable = false, updatable = false)
    public Instant linkedAt;

    @Column(name = "last_heartbeat_at")
    public Instant lastHeartbeatAt;

    @Column(name = "last_inventory_at", insertable = false, updatable = false)
    public Instant lastInventoryAt;

    @Column(name = "clone_host")
    public String cloneHost;

    @Column(name = "clone_instance_id")
    public String cloneInstanceId;

    @Column(name = "clone_detected_at")
    public Instant cloneDetectedAt;

    @Version
    public long version;

    protected LinkedComponent() {
    }

    static LinkedComponent link(LinkToken token, String identity, String host, String instanceId, String credentialHash,
            Instant now) {
        LinkedComponent c = new LinkedComponent();
        c.id = UUID.randomUUID();
        c.account = token.account;
        c.type = token.componentType;
        c.name = token.componentName;
        c.identity = identity;
        c.host = host;
        c.instanceId = instanceId;
        c.credentialHash = credentialHash;
        c.nodes = "[]";
        c.linkedAt = now;
        c.lastHeartbeatAt = now;
        c.apply(ComponentStatusRules.linked(token.componentType.hasContainer()));
        return c;
    }

    /** The rules' view of this component; {@code nodeDown} comes from the stored nodes. */
    ComponentStatusRules.State state(boolean nodeDown) {
        return new ComponentStatusRules.State(connected, activated, reenableNeeded, nodeDown);
    }

    /** Keeps what the rules remember; nodeDown lives in {@link #nodes}. */
    void apply(ComponentStatusRules.State state) {
        connected = state.connected();
        activated = state.activated();
        reenableNeeded = state.reenableNeeded();
    }

    /** Whether {@code host}/{@code instanceId} are the ones this component was linked from. */
    boolean isSameInstallation(String otherHost, String otherInstanceId) {
        return host.equals(otherHost) && instanceId.equals(otherInstanceId);
    }

    void recordClone(String otherHost, String otherInstanceId, Instant now) {
        cloneHost = otherHost;
        cloneInstanceId = otherInstanceId;
        cloneDetectedAt = now;
    }
}
