package dev.openpsi.security;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * The service's {@link SecretCipher} for secrets at rest and its {@link TransitCiphers} for secrets
 * sealed for another service, keyed from configuration (a Kubernetes Secret in production).
 */
@ApplicationScoped
public class SecretCipherProducer {

    /** {@code openpsi.secrets.keys.<kid>=<base64 256-bit key>} and {@code openpsi.secrets.active-key=<kid>}. */
    @ConfigMapping(prefix = "openpsi.secrets")
    public interface SecretsConfig {
        Map<String, String> keys();

        @WithName("active-key")
        String activeKey();

        /** {@code openpsi.secrets.transit.<recipient>.keys.<kid>} and {@code ...<recipient>.active-key}; none by default. */
        Map<String, TransitKeyRing> transit();
    }

    /** The key ring a service shares with one recipient of sealed event fields. */
    public interface TransitKeyRing {
        Map<String, String> keys();

        @WithName("active-key")
        String activeKey();
    }

    @Produces
    @ApplicationScoped
    SecretCipher secretCipher(SecretsConfig config) {
        return new SecretCipher(config.keys(), config.activeKey());
    }

    @Produces
    @ApplicationScoped
    TransitCiphers transitCiphers(SecretsConfig config) {
        return TransitCiphers.of(config.transit().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new TransitCiphers.KeyRing(e.getValue().keys(), e.getValue().activeKey()))));
    }
}
