package dev.openpsi.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import dev.openpsi.events.payload.calllog.CallDirection;
import dev.openpsi.events.payload.calllog.CallDisposition;
import dev.openpsi.events.payload.calllog.CallLogRecorded;
import dev.openpsi.events.payload.mwi.MessageWaitingChanged;
import dev.openpsi.events.payload.platform.ComponentStatus;
import dev.openpsi.events.payload.platform.ComponentStatusChanged;
import dev.openpsi.events.payload.platform.IntegrationStatusChanged;
import dev.openpsi.events.payload.platform.ComponentType;
import dev.openpsi.events.payload.platform.SettingsChanged;
import dev.openpsi.events.payload.platform.SettingsSection;
import dev.openpsi.events.payload.provisioning.CloudLinkUserCreated;
import dev.openpsi.events.payload.provisioning.CloudLinkUserRemoved;
import dev.openpsi.events.payload.provisioning.LicenseAssigned;
import dev.openpsi.events.payload.provisioning.LicenseRevoked;
import dev.openpsi.events.payload.provisioning.ProvisioningFailed;
import dev.openpsi.events.payload.provisioning.ProvisioningFailureReason;
import dev.openpsi.events.payload.provisioning.SipAccount;
import dev.openpsi.events.payload.provisioning.SipPhoneProvisioned;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.events.payload.provisioning.ZoomUserRemoved;
import dev.openpsi.events.payload.provisioning.ZoomUserUpdated;
import dev.openpsi.events.payload.registration.ConfigurationChange;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.events.payload.registration.SipTransport;
import dev.openpsi.events.payload.telephony.DoNotDisturbChanged;
import dev.openpsi.events.payload.telephony.ForwardingChanged;
import dev.openpsi.events.payload.telephony.ForwardingType;

/** One valid, realistic payload per event type: the data the data-driven contract tests run on. */
public final class EventSamples {

    public static final String ACCOUNT = "acme-gmbh";
    public static final String EMAIL = "anna.schmidt@acme.example.com";
    public static final String DN = "+4989700712345";
    /** The shape of a SecretCipher-sealed value (no real key behind it). */
    public static final String SEALED = "v1.transit1.q83vEjRWeJASNFZ4.ZGVrLXdyYXBwZWQtdW5kZXItdGhlLWtleS0xMjM0NTY3OA"
            + ".mZfWGbm4lRGPBnnV.Y2lwaGVydGV4dC1hbmQtdGFn";

    private static final Map<EventType<?>, Record> SAMPLES = new LinkedHashMap<>();

    static {
        put(EventTypes.ZOOM_USER_LINKED,
                new ZoomUserLinked(ACCOUNT, EMAIL, "Anna", "Schmidt", DN, "sbc-munich-1", "+4989700719999",
                        new SipAccount("osv.acme.example.com", "4989700712345", SEALED)));
        put(EventTypes.ZOOM_USER_UPDATED,
                new ZoomUserUpdated(ACCOUNT, EMAIL, "Anna", "Schmidt-Berger", DN, "sbc-munich-1", null));
        put(EventTypes.ZOOM_USER_REMOVED, new ZoomUserRemoved(ACCOUNT, EMAIL, DN));
        put(EventTypes.SIP_PHONE_PROVISIONED,
                new SipPhoneProvisioned(ACCOUNT, EMAIL, "KDcuGIm1QgePTO8WbOqwIQ", "3vF2aPq8TnuYk1x0dQJb1g",
                        "Zq9HkM0rT3Wv7yB2cD4eFg"));
        put(EventTypes.PROVISIONING_FAILED, new ProvisioningFailed(ACCOUNT, EMAIL,
                ProvisioningFailureReason.ZOOM_USER_STATUS_PENDING, "Zoom user has not accepted the invitation"));
        put(EventTypes.CLOUDLINK_USER_CREATED,
                new CloudLinkUserCreated(ACCOUNT, EMAIL, "cl-7f3e2a", "Anna", "Schmidt"));
        put(EventTypes.LICENSE_ASSIGNED, new LicenseAssigned(ACCOUNT, EMAIL, LicenseAssigned.ZOOM_PSI));
        put(EventTypes.CLOUDLINK_USER_REMOVED, new CloudLinkUserRemoved(ACCOUNT, EMAIL, "cl-7f3e2a"));
        put(EventTypes.LICENSE_REVOKED, new LicenseRevoked(ACCOUNT, EMAIL, LicenseAssigned.ZOOM_PSI));
        put(EventTypes.MESSAGE_WAITING_CHANGED,
                new MessageWaitingChanged(ACCOUNT, DN, EMAIL, 2, 8, 0, 2));
        put(EventTypes.CALL_LOG_RECORDED, new CallLogRecorded(ACCOUNT, DN, "osv-call-0001", CallDirection.INBOUND,
                "+4930123456789", "Bernd Müller", Instant.parse("2025-03-04T09:15:02Z"),
                Instant.parse("2025-03-04T09:15:09.250Z"), Instant.parse("2025-03-04T09:17:40Z"), 151,
                CallDisposition.ANSWERED));
        put(EventTypes.FORWARDING_CHANGED,
                new ForwardingChanged(ACCOUNT, DN, ForwardingType.NO_REPLY, true, "+4989700719999"));
        put(EventTypes.DO_NOT_DISTURB_CHANGED, new DoNotDisturbChanged(ACCOUNT, DN, true));
        put(EventTypes.SBC_CONFIGURATION_CHANGED, new SbcConfigurationChanged(ACCOUNT, "sbc-munich-1",
                "Munich access", "sbc.acme.example.com", 65061, SipTransport.TLS, ConfigurationChange.CREATED));
        put(EventTypes.COMPONENT_STATUS_CHANGED, new ComponentStatusChanged(ACCOUNT, "osv-node-a",
                ComponentType.OSV_NODE, ComponentStatus.DEGRADED, "node B not connected after failover"));
        put(EventTypes.SETTINGS_CHANGED, new SettingsChanged(ACCOUNT, SettingsSection.EMERGENCY_NUMBERS));
        put(EventTypes.INTEGRATION_STATUS_CHANGED, new IntegrationStatusChanged(ACCOUNT, IntegrationStatusChanged.ZOOM,
                "Error", "Failed", "Successful", "Connected", "Authorized", "Successful",
                "Zoom(GET /v2/users): 400 Invalid Token!: Error refreshing Zoom PSI user: failed to post auth resource: InvalidGrant"));
    }

    private EventSamples() {
    }

    private static <P extends Record> void put(EventType<P> type, P payload) {
        SAMPLES.put(type, payload);
    }

    /** The sample of {@code type}; fails loudly when a new type was added without one. */
    public static <P extends Record> P of(EventType<P> type) {
        Record sample = SAMPLES.get(type);
        if (sample == null) {
            throw new IllegalStateException("no sample for " + type + ": add one to EventSamples");
        }
        return type.payloadClass().cast(sample);
    }

    public static Map<EventType<?>, Record> all() {
        return SAMPLES;
    }

    /** (ceType name, type, payload) for parameterized tests. */
    public static Stream<Arguments> arguments() {
        return EventTypes.all().stream().map(type -> Arguments.of(type.ceType(), type, of(type)));
    }
}
