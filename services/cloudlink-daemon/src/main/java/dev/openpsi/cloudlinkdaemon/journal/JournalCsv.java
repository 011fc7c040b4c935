package dev.openpsi.cloudlinkdaemon.journal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import dev.openpsi.cloudlinkdaemon.service.AccountAccess.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The CSV export (RFC 4180, CRLF) of a whole filtered selection, streamed: keyset pages are read
 * one at a time as the client consumes the lines, so the selection is never held in memory.
 */
final class JournalCsv {

    static final String MEDIA_TYPE = "text/csv";
    static final String HEADER = "id,receivedAt,time,type,event,account,subject,topic,partition,offset,service,eventId,"
            + "dlq,dlqReason,replayId,traceId,envelopeError\r\n";
    private static final int PAGE = 500;
    private static final JournalPage END = new JournalPage(java.util.List.of(), null);
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9][0-9 ()./-]*");

    private JournalCsv() {
    }

    static Multi<String> export(JournalRepository journal, Caller caller, JournalFilter filter) {
        AtomicReference<JournalCursor> cursor = new AtomicReference<>();
        AtomicBoolean finished = new AtomicBoolean();
        Multi<String> rows = Multi.createBy().repeating()
                .uni(() -> finished.get() ? Uni.createFrom().item(END)
                        : journal.page(caller, filter, cursor.get(), PAGE).invoke(page -> {
                            if (page.next() == null) {
                                finished.set(true);
                            } else {
                                cursor.set(JournalCursor.decode(page.next()));
                            }
                        }))
                .until(page -> page == END)
                .onItem().transform(JournalCsv::lines);
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(HEADER), rows)
                .filter(chunk -> !chunk.isEmpty());
    }

    private static String lines(JournalPage page) {
        StringBuilder out = new StringBuilder(page.items().size() * 200);
        for (JournalSummary s : page.items()) {
            out.append(s.id()).append(',')
                    .append(time(s.receivedAt())).append(',')
                    .append(time(s.time())).append(',')
                    .append(field(s.type())).append(',')
                    .append(field(s.event())).append(',')
                    .append(field(s.account())).append(',')
                    .append(field(s.subject())).append(',')
                    .append(field(s.topic())).append(',')
                    .append(s.partition()).append(',')
                    .append(s.offset()).append(',')
                    .append(field(s.service())).append(',')
                    .append(s.eventId() == null ? "" : s.eventId()).append(',')
                    .append(s.dlq()).append(',')
                    .append(field(s.dlqReason())).append(',')
                    .append(s.replayId() == null ? "" : s.replayId()).append(',')
                    .append(field(s.traceId())).append(',')
                    .append(field(s.envelopeError())).append("\r\n");
        }
        return out.toString();
    }

    private static String time(OffsetDateTime t) {
        return t == null ? "" : DateTimeFormatter.ISO_INSTANT.format(t.toInstant());
    }

    /** Quotes when needed; defuses spreadsheet formulas (a leading = + - @ unless the value is a number such as a DN). */
    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '@' || first == '\t' || first == '\r'
                || ((first == '+' || first == '-') && !NUMBER.matcher(v).matches())) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
