package dev.openpsi.cloudlinkdaemon.connector;

import dev.openpsi.events.payload.platform.ComponentType;

/** The on-premise components a CloudLink connector runs on, as the REST API names them. */
public enum ComponentKind {
    /** The management platform. */
    CMP(ComponentType.CMP),
    /** An OpenScape Voice node; its heartbeat reports every node of its system (a duplex has two). */
    OSV_NODE(ComponentType.OSV_NODE),
    SBC(ComponentType.SBC),
    /** The voicemail server (Xpressions). */
    VOICEMAIL(ComponentType.XPRESSIONS);

    private final ComponentType eventType;

    ComponentKind(ComponentType eventType) {
        this.eventType = eventType;
    }

    public ComponentType eventType() {
        return eventType;
    }

    /** Only an OSV node hosts the container the portal enables. */
    public boolean hasContainer() {
        return this == OSV_NODE;
    }
}
