package dev.openpsi.sbcadapter.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.events.payload.registration.SipTransport;
import dev.openpsi.sbcadapter.SbcConfiguration;
import dev.openpsi.sbcadapter.SbcHost;
import dev.openpsi.sbcadapter.service.SbcConfigurationDraft;

/** Every attribute of an SBC Zoom configuration, and the version they replace. */
@Schema(description = "The new state of an SBC Zoom configuration (a full replacement) and the version it replaces")
public record UpdateSbcConfigurationRequest(
        @NotBlank @Size(max = SbcConfiguration.NAME_MAX_LENGTH)
        @Pattern(regexp = SbcConfigurationFields.NAME_PATTERN, message = SbcConfigurationFields.NAME_MESSAGE)
        @Schema(description = "unique in the account, whatever its case", example = "Munich SBC",
                maxLength = SbcConfiguration.NAME_MAX_LENGTH, required = true) String name,
        @NotNull @ValidHost
        @Schema(description = SbcConfigurationFields.HOST_DESCRIPTION, example = "sbc.acme.example",
                maxLength = SbcHost.MAX_LENGTH, required = true) String host,
        @NotNull @Min(1) @Max(65535)
        @Schema(description = SbcConfigurationFields.PORT_DESCRIPTION, example = "65061", minimum = "1",
                maximum = "65535", required = true) Integer port,
        @NotNull @Pattern(regexp = SbcConfigurationFields.PROTOCOL_PATTERN, message = SbcConfigurationFields.PROTOCOL_MESSAGE)
        @Schema(description = SbcConfigurationFields.PROTOCOL_DESCRIPTION, enumeration = {"TLS", "TCP", "UDP"},
                example = "TLS", required = true) String protocol,
        @NotNull @PositiveOrZero
        @Schema(description = "the version the client read; a configuration changed since answers 409 concurrent-update",
                example = "0", required = true) Long version) {

    SbcConfigurationDraft draft() {
        return new SbcConfigurationDraft(name.strip(), host, port, SipTransport.valueOf(protocol));
    }
}
