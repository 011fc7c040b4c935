package dev.openpsi.events.mwi;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code application/simple-message-summary} body of RFC 3842 (message waiting indication),
 * restricted to what openpsi uses: the status line, the optional account and the voice-message
 * counts. Grammar (RFC 3842, section 5.2):
 *
 * <pre>
 * message-summary  = msg-status-line CRLF [msg-account CRLF] [*(msg-summary-line CRLF)] [*opt-msg-headers]
 * msg-status-line  = "Messages-Waiting" HCOLON msg-status          ; msg-status = "yes" / "no"
 * msg-account      = "Message-Account" HCOLON Account-URI
 * msg-summary-line = message-context-class HCOLON newmsgs SLASH oldmsgs
 *                    [ LPAREN new-urgentmsgs SLASH old-urgentmsgs RPAREN ]
 * msgcount         = 1*DIGIT                                       ; MUST NOT exceed 2^32-1
 * </pre>
 *
 * Example: {@code Messages-Waiting: yes}, {@code Message-Account: sip:alice@vmail.example.com},
 * {@code Voice-Message: 2/8 (0/2)}. Counts above {@link Integer#MAX_VALUE} are rejected here.
 *
 * @param messagesWaiting whether the indicator is lit
 * @param messageAccount  the mailbox URI, e.g. {@code sip:alice@vmail.example.com}; null if not sent
 * @param urgentNew       null when urgent counts are unknown (then {@code urgentOld} is null too)
 */
public record SimpleMessageSummary(boolean messagesWaiting, String messageAccount, int newMessages, int oldMessages,
                                   Integer urgentNew, Integer urgentOld) {

    public static final String MEDIA_TYPE = "application/simple-message-summary";

    private static final String CRLF = "\r\n";
    private static final String MESSAGES_WAITING = "messages-waiting";
    private static final String MESSAGE_ACCOUNT = "message-account";
    private static final String VOICE_MESSAGE = "voice-message";
    // HCOLON, SLASH and LPAREN/RPAREN of RFC 3261 allow whitespace around them.
    private static final Pattern COUNTS =
            Pattern.compile("(\\d+)\\s*/\\s*(\\d+)(?:\\s*\\(\\s*(\\d+)\\s*/\\s*(\\d+)\\s*\\))?");

    public SimpleMessageSummary {
        requireCount(newMessages, "new messages");
        requireCount(oldMessages, "old messages");
        if ((urgentNew == null) != (urgentOld == null)) {
            throw new IllegalArgumentException("urgent counts come in pairs: give both urgentNew and urgentOld or neither");
        }
        if (urgentNew != null) {
            requireCount(urgentNew, "urgent new messages");
            requireCount(urgentOld, "urgent old messages");
        }
        if (messageAccount != null) {
            requireAccountUri(messageAccount);
        }
    }

    /** Summary of a mailbox's counts; the indicator is lit exactly when there are new messages. */
    public static SimpleMessageSummary fromCounts(int newMessages, int oldMessages, Integer urgentNew,
                                                  Integer urgentOld) {
        return new SimpleMessageSummary(newMessages > 0, null, newMessages, oldMessages, urgentNew, urgentOld);
    }

    public SimpleMessageSummary withMessageAccount(String uri) {
        return new SimpleMessageSummary(messagesWaiting, uri, newMessages, oldMessages, urgentNew, urgentOld);
    }

    public boolean hasUrgentCounts() {
        return urgentNew != null;
    }

    /** The body as a notifier sends it, every line ended by CRLF. */
    public String render() {
        StringBuilder body = new StringBuilder();
        body.append("Messages-Waiting: ").append(messagesWaiting ? "yes" : "no").append(CRLF);
        if (messageAccount != null) {
            body.append("Message-Account: ").append(messageAccount).append(CRLF);
        }
        body.append("Voice-Message: ").append(newMessages).append('/').append(oldMessages);
        if (hasUrgentCounts()) {
            body.append(" (").append(urgentNew).append('/').append(urgentOld).append(')');
        }
        return body.append(CRLF).toString();
    }

    /**
     * Parses a body leniently where the RFC and real devices differ harmlessly: LF or CRLF line ends,
     * any case of header names and of yes/no, optional whitespace. Other message-context classes
     * (fax-message, ...) are ignored; the optional message headers after the first blank line are
     * skipped. A missing Voice-Message line means 0/0 without urgent counts.
     *
     * @throws IllegalArgumentException naming the problem when the body is not a message summary
     */
    public static SimpleMessageSummary parse(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("empty message summary: the Messages-Waiting line is required");
        }
        Boolean waiting = null;
        String account = null;
        Matcher voice = null;
        boolean started = false;
        for (String line : body.split("\r\n|\n|\r", -1)) {
            if (line.isBlank()) {
                if (started) {
                    break; // start of opt-msg-headers, which carry nothing openpsi needs
                }
                continue;
            }
            started = true;
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("malformed message summary line (no colon): '" + line + "'");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case MESSAGES_WAITING -> {
                    if (waiting != null) {
                        throw new IllegalArgumentException("duplicate Messages-Waiting line");
                    }
                    waiting = parseStatus(value);
                }
                case MESSAGE_ACCOUNT -> {
                    if (account != null) {
                        throw new IllegalArgumentException("duplicate Message-Account line");
                    }
                    account = value;
                }
                case VOICE_MESSAGE -> {
                    if (voice != null) {
                        throw new IllegalArgumentException("duplicate Voice-Message line");
                    }
                    voice = parseCounts(value);
                }
                default -> {
                    // fax-message, pager-message, multimedia-message, text-message, none (RFC 3458)
                    // and unknown extensions: not ours to interpret.
                }
            }
        }
        if (waiting == null) {
            throw new IllegalArgumentException("message summary has no Messages-Waiting line");
        }
        if (voice == null) {
            return new SimpleMessageSummary(waiting, account, 0, 0, null, null);
        }
        boolean urgent = voice.group(3) != null;
        return new SimpleMessageSummary(waiting, account,
                count(voice.group(1)), count(voice.group(2)),
                urgent ? count(voice.group(3)) : null, urgent ? count(voice.group(4)) : null);
    }

    private static boolean parseStatus(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("Messages-Waiting must be yes or no, not '" + value + "'");
        };
    }

    private static Matcher parseCounts(String value) {
        if (value.contains("-")) {
            throw new IllegalArgumentException("Voice-Message counts must not be negative: '" + value + "'");
        }
        Matcher m = COUNTS.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "Voice-Message must be new/old or new/old (urgent_new/urgent_old) with numeric counts, not '"
                            + value + "'");
        }
        return m;
    }

    private static int count(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("message count too large: " + digits, e);
        }
    }

    private static void requireCount(int count, String what) {
        if (count < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + count);
        }
    }

    private static void requireAccountUri(String uri) {
        try {
            if (uri.isBlank() || !new URI(uri).isAbsolute()) {
                throw new IllegalArgumentException("Message-Account must be an absolute URI such as sip:..., not '"
                        + uri + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Message-Account is not a URI: '" + uri + "'", e);
        }
    }
}
