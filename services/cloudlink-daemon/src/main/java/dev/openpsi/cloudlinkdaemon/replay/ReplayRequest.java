package dev.openpsi.cloudlinkdaemon.replay;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/replays} as sent; {@link ReplaySelection#of} validates it.
 *
 * @param target        the service whose replay topic receives the events (not for a redrive)
 * @param dryRun        true: only count and sample the selection
 * @param redrive       with {@code selection.dlq}: send the dead letters back to their original topic
 * @param sample        events listed by a dry run (default 10, at most 1000)
 * @param ratePerSecond events sent per second (default {@code openpsi.replay.default-rate})
 */
@Schema(name = "ReplayRequest")
public record ReplayRequest(Selection selection, String target, Boolean dryRun, Boolean redrive, Integer sample,
                            Double ratePerSecond) {

    /**
     * Which records: a topic (or a DLQ) and a time range, optionally narrowed.
     *
     * @param topic     a stream or replay topic; with {@code dlq}: only dead letters that came from this topic
     * @param from      RFC 3339, inclusive (record timestamp)
     * @param to        RFC 3339, exclusive
     * @param key       exact record key, e.g. {@code acme/jana@acme.example.com}
     * @param eventType a ce_type or an event name such as {@code ZoomUserLinked}
     * @param account   the {@code openpsi_account} header
     * @param dlq       a DLQ topic to read instead of a stream
     */
    @Schema(name = "ReplaySelection")
    public record Selection(String topic, String from, String to, String key, String eventType, String account,
                            String dlq) {
    }
}
