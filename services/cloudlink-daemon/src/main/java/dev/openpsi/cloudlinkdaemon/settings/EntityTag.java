package dev.openpsi.cloudlinkdaemon.settings;

import java.util.Arrays;

import dev.openpsi.cloudlinkdaemon.AccountSettings;

/**
 * The ETag of an account's settings and the If-Match check (RFC 9110 sections 8.8.3 and 13.1.1).
 * The tag counts the writes: {@code "0"} before the first one, so an ETag read before the first
 * write does not match afterwards.
 */
record EntityTag(long writes) {

    static EntityTag of(AccountSettings settings) {
        return new EntityTag(settings == null ? 0 : settings.version + 1);
    }

    /** The header value: a strong tag. */
    String value() {
        return "\"" + writes + "\"";
    }

    /**
     * Whether an If-Match header lets a write through: absent, {@code *} (the document always
     * exists), or a list holding this tag. Weak tags never match: If-Match compares strongly.
     */
    boolean matches(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return true;
        }
        String own = value();
        return Arrays.stream(ifMatch.split(",")).map(String::strip).anyMatch(tag -> tag.equals("*") || tag.equals(own));
    }
}
