package dev.openpsi.cloudlinkdaemon.connector;

/** Roles and headers of the connector API. */
public final class ConnectorRoles {

    /** Realm role of the CloudLink connector's Keycloak client (deploy/keycloak/realm-openpsi.json). */
    public static final String CONNECTOR = "connector";
    /** The component credential from the link exchange. */
    public static final String CREDENTIAL_HEADER = "X-Connector-Credential";

    private ConnectorRoles() {
    }
}
