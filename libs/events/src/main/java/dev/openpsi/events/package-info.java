/**
 * The openpsi event contract. {@link dev.openpsi.events.Topic} and
 * {@link dev.openpsi.events.TopicCatalogue} name every topic; {@link dev.openpsi.events.EventTypes}
 * names every {@code ce_type}; {@link dev.openpsi.events.Envelope} maps the CloudEvents 1.0
 * attributes to Kafka headers (binary mode); {@link dev.openpsi.events.EventCodec} writes and reads
 * payload records only if they satisfy their JSON Schema, and reports anything else as a typed
 * {@link dev.openpsi.events.EventContractException} whose {@link dev.openpsi.events.DeadLetterReason}
 * becomes the DLQ reason header. No other module spells a topic or a {@code ce_type} string.
 */
package dev.openpsi.events;
