package dev.openpsi.security;

/** The realm roles of deploy/keycloak/realm-openpsi.json. */
public final class Roles {

    /** Creates customer accounts and acts for them. */
    public static final String PARTNER = "partner";
    /** Configures the integration of one account. */
    public static final String ACCOUNT_ADMIN = "account-admin";
    /** A regular user: reads, configures nothing. */
    public static final String USER = "user";
    /** A service account of an openpsi service: acts for every account. */
    public static final String SERVICE = "service";
    /** Operates the platform: replays, dead-letter redrives and consumer-group resets of every account. */
    public static final String PLATFORM_OPERATOR = "platform-operator";

    /** The account a user token belongs to. */
    public static final String ACCOUNT_CLAIM = "account";

    private Roles() {
    }
}
