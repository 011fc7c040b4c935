package dev.openpsi.sbcadapter.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.events.payload.registration.SipTransport;
import dev.openpsi.sbcadapter.SbcConfiguration;
import dev.openpsi.sbcadapter.SbcHost;
import dev.openpsi.sbcadapter.service.SbcConfigurationDraft;

/** A new SBC Zoom configuration. */
@Schema(description = "A new SBC Zoom configuration of the account")
public record CreateSbcConfigurationRequest(
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
                example = "TLS", required = true) String protocol) {

    SbcConfigurationDraft draft() {
        return new SbcConfigurationDraft(name.strip(), host, port, SipTransport.valueOf(protocol));
    }
}
