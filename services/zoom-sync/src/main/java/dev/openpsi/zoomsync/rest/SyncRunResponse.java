package dev.openpsi.zoomsync.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.zoomsync.SyncRun;

/** A sync run: status queued, running, succeeded or failed, what it is doing and what it counted. */
@Schema(name = "SyncRun")
public record SyncRunResponse(UUID id, String account, String mode,
        @Schema(enumeration = {"queued", "running", "succeeded", "failed"}) String status, String phase,
        int usersSynced, int phonesSynced, int usersRemoved, int phonesRemoved, int pages, String error,
        Instant requestedAt, Instant startedAt, Instant finishedAt) {

    public static SyncRunResponse of(SyncRun r) {
        return new SyncRunResponse(r.id(), r.account(), r.mode(), r.status(), r.phase(), r.usersSynced(), r.phonesSynced(),
                r.usersRemoved(), r.phonesRemoved(), r.pages(), r.error(), r.requestedAt(), r.startedAt(), r.finishedAt());
    }
}
