package dev.openpsi.cloudlinkdaemon.connector;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The linked component and the credential its connector authenticates with from now on. */
@Schema(description = "The linked component; the credential is shown only here and stored hashed")
public record LinkResponse(
        UUID componentId,
        String account,
        ComponentKind type,
        String name,
        @Schema(description = "send as header X-Connector-Credential on every heartbeat and inventory report") String credential,
        long heartbeatIntervalSeconds,
        long heartbeatTimeoutSeconds,
        long inventoryIntervalSeconds) {

    @Override
    public String toString() {
        return "LinkResponse[componentId=" + componentId + ", account=" + account + "]";
    }
}
