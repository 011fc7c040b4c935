package dev.openpsi.cloudlinkdaemon;

/** What an account is: a partner creates and manages customer accounts; integrations run on customer accounts. */
public enum AccountType {
    PARTNER,
    CUSTOMER
}
