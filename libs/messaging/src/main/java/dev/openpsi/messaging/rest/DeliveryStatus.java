package dev.openpsi.messaging.rest;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What of an account's events this service has not published yet. */
@Schema(description = "Events of one account still waiting in this service's outbox")
public record DeliveryStatus(
        @Schema(description = "the service answering") String service,
        String account,
        @Schema(description = "events committed but not yet acknowledged by Kafka") long pending,
        @Schema(description = "commit time of the oldest pending event, absent when none is pending") OffsetDateTime oldestPendingAt) {
}
