package dev.openpsi.events.payload.calllog;

import java.time.Instant;

import dev.openpsi.events.payload.EventPayload;

/**
 * One finished call of a Zoom subscriber, as the PBX reports it in its call log.
 *
 * @param dn              the subscriber's E.164 number
 * @param remoteNumber    the other party as the PBX shows it: full E.164 when both parties are Zoom
 *                        users, otherwise possibly an extension; null when the caller withheld it
 * @param remoteName      the other party's display name (from P-Asserted-Identity); null if unknown
 * @param answeredAt      null when the call was not answered
 * @param durationSeconds talk time; 0 for unanswered calls
 */
public record CallLogRecorded(String account, String dn, String callId, CallDirection direction, String remoteNumber,
                              String remoteName, Instant startedAt, Instant answeredAt, Instant endedAt,
                              long durationSeconds, CallDisposition disposition) implements EventPayload {
}
