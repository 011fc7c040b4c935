package dev.openpsi.osvadapter.service;

import dev.openpsi.security.Redactor;
import dev.openpsi.security.Secret;

/**
 * SIP digest credentials of a subscriber as the caller gives them.
 *
 * @param password the plaintext password; null keeps the stored one (an update need not repeat it)
 */
public record SipCredentials(String realm, String userName, @Secret String password) {

    @Override
    public String toString() {
        return Redactor.toString(this);
    }
}
