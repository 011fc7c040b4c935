package dev.openpsi.events;

/**
 * Why a record went to {@code <topic>.dlq}. The enum name is the value of the
 * {@link CloudEventHeaders#DLQ_REASON} header, so renaming a constant is a contract change.
 */
public enum DeadLetterReason {
    /** A required CloudEvents/openpsi header is missing or unparsable. */
    MALFORMED_ENVELOPE,
    /** The value is not JSON. */
    MALFORMED_JSON,
    /** {@code ce_type} is well-formed but names no known stream/event. */
    UNKNOWN_EVENT_TYPE,
    /** The event is known but not in this version. */
    UNSUPPORTED_VERSION,
    /** The JSON does not satisfy the event's schema. */
    SCHEMA_VIOLATION,
    /** The event is valid but the consuming handler refused it for good (retrying cannot help). */
    HANDLER_REJECTED
}
