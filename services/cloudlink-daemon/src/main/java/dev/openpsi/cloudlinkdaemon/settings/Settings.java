package dev.openpsi.cloudlinkdaemon.settings;

import java.util.List;
import java.util.Map;

import dev.openpsi.security.Redactor;
import dev.openpsi.security.Secret;

/**
 * Valid settings, as stored and compared (a section is null when not configured).
 *
 * @param featureCodes in {@link Feature} order
 */
public record Settings(String voicemailPilot, Map<Feature, String> featureCodes, List<String> emergencyNumbers,
        Provider locationProvider) {

    public static final Settings NONE = new Settings(null, null, null, null);

    /**
     * A valid location provider. {@code secret} is the plain secret only on its way in; null
     * means "keep the stored one".
     */
    public record Provider(String name, String type, String primaryServer, String secondaryServer, String customerId,
            @Secret String secret, Map<String, String> extraHeaders) {

        /** The provider without its secret, as the location_provider column holds it. */
        public Provider withoutSecret() {
            return new Provider(name, type, primaryServer, secondaryServer, customerId, null, extraHeaders);
        }

        @Override
        public String toString() {
            return Redactor.toString(this);
        }
    }
}
