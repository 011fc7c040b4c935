package dev.openpsi.events;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.openpsi.events.payload.calllog.CallLogRecorded;
import dev.openpsi.events.payload.mwi.MessageWaitingChanged;
import dev.openpsi.events.payload.platform.ComponentStatusChanged;
import dev.openpsi.events.payload.platform.IntegrationStatusChanged;
import dev.openpsi.events.payload.platform.SettingsChanged;
import dev.openpsi.events.payload.provisioning.CloudLinkUserCreated;
import dev.openpsi.events.payload.provisioning.CloudLinkUserRemoved;
import dev.openpsi.events.payload.provisioning.LicenseAssigned;
import dev.openpsi.events.payload.provisioning.LicenseRevoked;
import dev.openpsi.events.payload.provisioning.ProvisioningFailed;
import dev.openpsi.events.payload.provisioning.SipPhoneProvisioned;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.events.payload.provisioning.ZoomUserRemoved;
import dev.openpsi.events.payload.provisioning.ZoomUserUpdated;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.events.payload.telephony.DoNotDisturbChanged;
import dev.openpsi.events.payload.telephony.ForwardingChanged;

/** The registry of every event type. Adding an event means a constant here, a record and a schema. */
public final class EventTypes {

    // provisioning: keyed account/email
    public static final EventType<ZoomUserLinked> ZOOM_USER_LINKED =
            v1(Topic.PROVISIONING, "ZoomUserLinked", ZoomUserLinked.class, ZoomUserLinked::email);
    public static final EventType<ZoomUserUpdated> ZOOM_USER_UPDATED =
            v1(Topic.PROVISIONING, "ZoomUserUpdated", ZoomUserUpdated.class, ZoomUserUpdated::email);
    public static final EventType<ZoomUserRemoved> ZOOM_USER_REMOVED =
            v1(Topic.PROVISIONING, "ZoomUserRemoved", ZoomUserRemoved.class, ZoomUserRemoved::email);
    public static final EventType<SipPhoneProvisioned> SIP_PHONE_PROVISIONED =
            v1(Topic.PROVISIONING, "SipPhoneProvisioned", SipPhoneProvisioned.class, SipPhoneProvisioned::email);
    public static final EventType<ProvisioningFailed> PROVISIONING_FAILED =
            v1(Topic.PROVISIONING, "ProvisioningFailed", ProvisioningFailed.class, ProvisioningFailed::email);
    public static final EventType<CloudLinkUserCreated> CLOUDLINK_USER_CREATED =
            v1(Topic.PROVISIONING, "CloudLinkUserCreated", CloudLinkUserCreated.class, CloudLinkUserCreated::email);
    public static final EventType<LicenseAssigned> LICENSE_ASSIGNED =
            v1(Topic.PROVISIONING, "LicenseAssigned", LicenseAssigned.class, LicenseAssigned::email);
    public static final EventType<CloudLinkUserRemoved> CLOUDLINK_USER_REMOVED =
            v1(Topic.PROVISIONING, "CloudLinkUserRemoved", CloudLinkUserRemoved.class, CloudLinkUserRemoved::email);
    public static final EventType<LicenseRevoked> LICENSE_REVOKED =
            v1(Topic.PROVISIONING, "LicenseRevoked", LicenseRevoked.class, LicenseRevoked::email);

    // mwi, call-log, telephony: keyed account/DN
    public static final EventType<MessageWaitingChanged> MESSAGE_WAITING_CHANGED =
            v1(Topic.MWI, "MessageWaitingChanged", MessageWaitingChanged.class, MessageWaitingChanged::dn);
    public static final EventType<CallLogRecorded> CALL_LOG_RECORDED =
            v1(Topic.CALL_LOG, "CallLogRecorded", CallLogRecorded.class, CallLogRecorded::dn);
    public static final EventType<ForwardingChanged> FORWARDING_CHANGED =
            v1(Topic.TELEPHONY, "ForwardingChanged", ForwardingChanged.class, ForwardingChanged::dn);
    public static final EventType<DoNotDisturbChanged> DO_NOT_DISTURB_CHANGED =
            v1(Topic.TELEPHONY, "DoNotDisturbChanged", DoNotDisturbChanged.class, DoNotDisturbChanged::dn);

    // registration: an SBC configuration belongs to no user, so its own id is the entity
    public static final EventType<SbcConfigurationChanged> SBC_CONFIGURATION_CHANGED =
            v1(Topic.REGISTRATION, "SbcConfigurationChanged", SbcConfigurationChanged.class,
                    SbcConfigurationChanged::sbcConfigurationId);

    // platform: keyed account/component; account-level settings use their section as the entity
    public static final EventType<ComponentStatusChanged> COMPONENT_STATUS_CHANGED =
            v1(Topic.PLATFORM, "ComponentStatusChanged", ComponentStatusChanged.class,
                    ComponentStatusChanged::componentId);
    public static final EventType<SettingsChanged> SETTINGS_CHANGED =
            v1(Topic.PLATFORM, "SettingsChanged", SettingsChanged.class, p -> "settings:" + p.section().value());
    // an integration is account-level too: "integration:<system>" (e.g. integration:zoom) is the entity
    public static final EventType<IntegrationStatusChanged> INTEGRATION_STATUS_CHANGED =
            v1(Topic.PLATFORM, "IntegrationStatusChanged", IntegrationStatusChanged.class,
                    p -> "integration:" + p.integration());

    private static final List<EventType<?>> ALL = List.of(
            ZOOM_USER_LINKED, ZOOM_USER_UPDATED, ZOOM_USER_REMOVED, SIP_PHONE_PROVISIONED, PROVISIONING_FAILED,
            CLOUDLINK_USER_CREATED, LICENSE_ASSIGNED, CLOUDLINK_USER_REMOVED, LICENSE_REVOKED,
            MESSAGE_WAITING_CHANGED,
            CALL_LOG_RECORDED,
            FORWARDING_CHANGED, DO_NOT_DISTURB_CHANGED,
            SBC_CONFIGURATION_CHANGED,
            COMPONENT_STATUS_CHANGED, SETTINGS_CHANGED, INTEGRATION_STATUS_CHANGED);

    private static final Map<String, EventType<?>> BY_CE_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));

    private EventTypes() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byCeType(String ceType) {
        return Optional.ofNullable(ceType).map(BY_CE_TYPE::get);
    }

    public static List<EventType<?>> byTopic(Topic topic) {
        return ALL.stream().filter(t -> t.topic() == topic).toList();
    }

    /**
     * The event type for {@code ce_type}, or the typed reason why there is none.
     *
     * @throws MalformedEventException           if the syntax is wrong
     * @throws UnknownEventTypeException         if the stream or event is unknown
     * @throws UnsupportedEventVersionException if the event is known but not in that version
     */
    public static EventType<?> resolve(String ceType) {
        CeType parsed = CeType.parse(ceType);
        EventType<?> exact = BY_CE_TYPE.get(parsed.value());
        if (exact != null) {
            return exact;
        }
        if (Topic.fromStream(parsed.stream()).isEmpty()) {
            throw new UnknownEventTypeException(ceType, "unknown stream '" + parsed.stream() + "' in ce_type " + ceType);
        }
        List<Integer> versions = ALL.stream()
                .filter(t -> t.topic().stream().equals(parsed.stream()) && t.name().equals(parsed.event()))
                .map(EventType::version)
                .sorted(Comparator.naturalOrder())
                .toList();
        if (versions.isEmpty()) {
            throw new UnknownEventTypeException(ceType,
                    "unknown event '" + parsed.event() + "' on stream '" + parsed.stream() + "' in ce_type " + ceType);
        }
        throw new UnsupportedEventVersionException(ceType, versions);
    }

    private static <P extends Record> EventType<P> v1(Topic topic, String name, Class<P> payloadClass,
                                                      Function<P, String> subjectOf) {
        return new EventType<>(topic, name, 1, payloadClass, subjectOf);
    }
}
