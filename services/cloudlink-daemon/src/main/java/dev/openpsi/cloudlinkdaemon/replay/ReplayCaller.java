package dev.openpsi.cloudlinkdaemon.replay;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.openpsi.cloudlinkdaemon.service.AccountAccess;
import dev.openpsi.security.AccountScope;
import dev.openpsi.security.Roles;

/**
 * Who asks for a replay, read from the token on the request thread.
 *
 * @param who      preferred user name (or subject) for the audit
 * @param access   account rules; null when the token has no account claim (an operator may have none)
 * @param operator role {@code platform-operator}
 */
public record ReplayCaller(String who, String account, AccountAccess.Caller access, boolean operator) {

    /** Reads the token; call on the request thread. */
    static ReplayCaller of(AccountScope scope, AccountAccess access, JsonWebToken token) {
        String account = scope.callerAccount().orElse(null);
        Object name = token.getClaim("preferred_username");
        String who = name != null ? name.toString() : token.getSubject();
        AccountAccess.Caller rules = account != null || scope.isService() ? access.caller() : null;
        return new ReplayCaller(who == null ? "unknown" : who, account, rules, scope.hasRole(Roles.PLATFORM_OPERATOR));
    }
}
