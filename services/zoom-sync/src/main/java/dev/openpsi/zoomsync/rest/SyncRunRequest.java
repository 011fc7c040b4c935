package dev.openpsi.zoomsync.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code full} mirrors and removes what Zoom no longer has; {@code incremental} adds and updates only. */
@Schema(name = "SyncRunRequest")
public record SyncRunRequest(
        @NotNull @Pattern(regexp = "full|incremental", message = "is full or incremental")
        @Schema(enumeration = {"full", "incremental"}) String mode) {
}
