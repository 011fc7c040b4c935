package dev.openpsi.sbcadapter.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.events.payload.registration.SipTransport;
import dev.openpsi.sbcadapter.SbcConfiguration;

/** An SBC configuration as the API shows it. */
@Schema(name = "SbcConfiguration", description = "An SBC Zoom configuration: the SBC access interface Zoom clients register to")
public record SbcConfigurationResponse(
        UUID id,
        @Schema(description = "the account the configuration belongs to", example = "acme") String account,
        @Schema(example = "Munich SBC") String name,
        @Schema(description = "IPv4 address, IPv6 address or FQDN of the SBC access interface", example = "sbc.acme.example") String host,
        @Schema(example = "65061") int port,
        @Schema(description = "TLS is recommended") SipTransport protocol,
        @Schema(description = "send it back with an update (optimistic locking)", example = "0") long version,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "advice of the vendor's guide this configuration does not follow (UDP or TCP instead of TLS, "
                + "TLS on the default port 5061); empty when it follows it") List<String> warnings) {

    static SbcConfigurationResponse of(SbcConfiguration configuration) {
        return new SbcConfigurationResponse(configuration.id, configuration.account, configuration.name,
                configuration.host, configuration.port, configuration.protocol, configuration.version,
                configuration.createdAt, configuration.updatedAt, configuration.warnings());
    }
}
