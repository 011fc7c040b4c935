package dev.openpsi.cloudlinkdaemon.settings;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpsi.cloudlinkdaemon.AccountSettings;
import dev.openpsi.cloudlinkdaemon.service.AccountAccess;
import dev.openpsi.cloudlinkdaemon.service.AccountAccess.Caller;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.platform.SettingsChanged;
import dev.openpsi.events.payload.platform.SettingsSection;
import dev.openpsi.messaging.EventContext;
import dev.openpsi.messaging.Outbox;
import dev.openpsi.security.Problem;
import dev.openpsi.security.ProblemException;
import dev.openpsi.security.Problems;
import dev.openpsi.security.SecretCipher;
import dev.openpsi.security.SecretUnreadableException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Reads and replaces the PBX system settings of an account. A write is checked completely before
 * anything is stored, and stores the settings, a {@code SettingsChanged} event per changed section
 * and nothing else in one transaction; a write that changes nothing stores and publishes nothing.
 */
@ApplicationScoped
public class SettingsService {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final TypeReference<Map<String, String>> CODES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> NUMBERS = new TypeReference<>() {
    };

    private final AccountAccess access;
    private final AccountSettingsRepository repository;
    private final SecretCipher cipher;
    private final Outbox outbox;
    private final ObjectMapper json;

    public SettingsService(AccountAccess access, AccountSettingsRepository repository, SecretCipher cipher, Outbox outbox,
            ObjectMapper json) {
        this.access = access;
        this.repository = repository;
        this.cipher = cipher;
        this.outbox = outbox;
        this.json = json;
    }

    /** The settings document and its ETag. */
    public record Snapshot(SettingsResponse document, EntityTag tag) {
    }

    /** For the account's admins, its partner and service accounts; users 403, invisible accounts 404. */
    @WithSession
    public Uni<Snapshot> read(Caller caller, String account) {
        return access.findVisible(caller, account)
                .invoke(visible -> {
                    if (!caller.service() && !caller.canManage(visible)) {
                        throw forbidden();
                    }
                })
                .chain(visible -> repository.findById(account))
                .map(row -> snapshot(account, row));
    }

    /**
     * Replaces the whole document. {@code ifMatch} (optional) must name the current ETag, else 412.
     * A provider given without a secret keeps the stored secret.
     */
    @WithTransaction
    public Uni<Snapshot> replace(Caller caller, String account, SettingsRequest request, String ifMatch) {
        return access.findManageable(caller, account)
                .map(manageable -> SettingsValidator.validate(request))
                .chain(wanted -> repository.findById(account).chain(row -> write(account, row, wanted, ifMatch)))
                .onFailure(SettingsService::isWriteRace).transform(e -> ifMatch == null
                        ? Problems.conflict("concurrent-update", "the settings of '" + account
                                + "' were changed at the same time; read them and retry")
                        : preconditionFailed());
    }

    private Uni<Snapshot> write(String account, AccountSettings row, Settings wanted, String ifMatch) {
        EntityTag current = EntityTag.of(row);
        if (!current.matches(ifMatch)) {
            throw preconditionFailed();
        }
        Settings stored = row == null ? Settings.NONE : decode(row);
        String sealed = sealedSecret(account, wanted.locationProvider(), row);
        Settings next = new Settings(wanted.voicemailPilot(), wanted.featureCodes(), wanted.emergencyNumbers(),
                wanted.locationProvider() == null ? null : wanted.locationProvider().withoutSecret());
        Set<SettingsSection> changed = changes(stored, next, row == null ? null : row.locationProviderSecret, sealed);
        if (changed.isEmpty()) {
            return Uni.createFrom().item(snapshot(account, row));
        }
        AccountSettings target = row == null ? new AccountSettings(account) : row;
        target.voicemailPilot = next.voicemailPilot();
        target.featureCodes = encodeCodes(next.featureCodes());
        target.emergencyNumbers = encode(next.emergencyNumbers());
        target.locationProvider = encode(next.locationProvider());
        target.locationProviderSecret = sealed;
        target.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Uni<AccountSettings> saved = row == null ? repository.persist(target) : Uni.createFrom().item(target);
        return saved
                .call(repository::flush)
                .call(() -> publish(account, changed))
                .map(done -> snapshot(account, target));
    }

    /**
     * The sealed secret to store: the stored one when the request omits the secret or repeats it
     * (so a re-sent document is no change), a new one otherwise. A provider configured for the
     * first time needs a secret (400).
     */
    private String sealedSecret(String account, Settings.Provider provider, AccountSettings row) {
        if (provider == null) {
            return null;
        }
        String stored = row == null ? null : row.locationProviderSecret;
        if (provider.secret() == null) {
            if (stored == null) {
                throw SettingsValidator.invalid(List.of(new Problem.FieldError("locationProvider.secret",
                        "is required when no secret is stored yet")));
            }
            return stored;
        }
        if (stored != null && provider.secret().equals(openOrNull(stored, account))) {
            return stored;
        }
        return cipher.seal(provider.secret(), secretContext(account));
    }

    private String openOrNull(String sealed, String account) {
        try {
            return cipher.open(sealed, secretContext(account));
        } catch (SecretUnreadableException unreadable) {
            // a lost key: the new secret replaces it
            return null;
        }
    }

    /** Binds the sealed value to its row: copied to another account it does not open. */
    static String secretContext(String account) {
        return "cloudlink-daemon/account-settings/" + account + "/location-provider-secret";
    }

    private static Set<SettingsSection> changes(Settings before, Settings after, String sealedBefore, String sealedAfter) {
        Set<SettingsSection> changed = EnumSet.noneOf(SettingsSection.class);
        if (!Objects.equals(before.voicemailPilot(), after.voicemailPilot())) {
            changed.add(SettingsSection.VOICEMAIL_PILOT);
        }
        if (!Objects.equals(before.featureCodes(), after.featureCodes())) {
            changed.add(SettingsSection.FEATURE_CODES);
        }
        if (!Objects.equals(before.emergencyNumbers(), after.emergencyNumbers())) {
            changed.add(SettingsSection.EMERGENCY_NUMBERS);
        }
        if (!Objects.equals(before.locationProvider(), after.locationProvider()) || !Objects.equals(sealedBefore, sealedAfter)) {
            changed.add(SettingsSection.LOCATION_PROVIDER);
        }
        return changed;
    }

    /** One event per changed section; it names the section only, never a value (the secret stays here). */
    private Uni<Void> publish(String account, Set<SettingsSection> changed) {
        return Panache.getSession().chain(session -> {
            Uni<?> chain = Uni.createFrom().voidItem();
            for (SettingsSection section : changed) {
                chain = chain.chain(() -> outbox.append(session, EventContext.root(account), EventTypes.SETTINGS_CHANGED,
                        new SettingsChanged(account, section)));
            }
            return chain.replaceWithVoid();
        });
    }

    private Snapshot snapshot(String account, AccountSettings row) {
        if (row == null) {
            return new Snapshot(SettingsResponse.of(account, Settings.NONE, false, null), EntityTag.of(null));
        }
        return new Snapshot(SettingsResponse.of(account, decode(row), row.locationProviderSecret != null, row.updatedAt),
                EntityTag.of(row));
    }

    private Settings decode(AccountSettings row) {
        try {
            Map<Feature, String> codes = null;
            if (row.featureCodes != null) {
                codes = new EnumMap<>(Feature.class);
                for (Map.Entry<String, String> e : json.readValue(row.featureCodes, CODES).entrySet()) {
                    codes.put(Feature.byKey(e.getKey()).orElseThrow(), e.getValue());
                }
            }
            return new Settings(row.voicemailPilot, codes,
                    row.emergencyNumbers == null ? null : json.readValue(row.emergencyNumbers, NUMBERS),
                    row.locationProvider == null ? null : json.readValue(row.locationProvider, Settings.Provider.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings of " + row.account + " do not parse", e);
        }
    }

    private String encodeCodes(Map<Feature, String> codes) {
        if (codes == null) {
            return null;
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        codes.forEach((feature, code) -> byKey.put(feature.key(), code));
        return encode(byKey);
    }

    private String encode(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings do not serialise", e);
        }
    }

    private static ProblemException forbidden() {
        return new ProblemException(Problem.of(403, "Forbidden",
                "only an account admin of the account, its partner or a service may read its settings"));
    }

    private static ProblemException preconditionFailed() {
        return new ProblemException(Problem.rule(412, "precondition-failed", "Precondition Failed",
                "the settings changed since the ETag of If-Match was read; read them again and retry", List.of()));
    }

    /** Another transaction wrote first: a stale version, or the same first insert. */
    private static boolean isWriteRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StaleStateException || t instanceof OptimisticLockException
                    || t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    || t instanceof org.hibernate.exception.ConstraintViolationException cv
                            && UNIQUE_VIOLATION.equals(cv.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
