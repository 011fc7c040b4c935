package dev.openpsi.security;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** The service's {@link SecretCipher}, keyed from configuration (a Kubernetes Secret in production). */
@ApplicationScoped
public class SecretCipherProducer {

    /** {@code openpsi.secrets.keys.<kid>=<base64 256-bit key>} and {@code openpsi.secrets.active-key=<kid>}. */
    @ConfigMapping(prefix = "openpsi.secrets")
    public interface SecretsConfig {
        Map<String, String> keys();

        @WithName("active-key")
        String activeKey();
    }

    @Produces
    @ApplicationScoped
    SecretCipher secretCipher(SecretsConfig config) {
        return new SecretCipher(config.keys(), config.activeKey());
    }
}
