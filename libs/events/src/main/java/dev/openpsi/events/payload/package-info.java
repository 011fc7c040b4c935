/**
 * Payload records, one sub-package per stream ({@code call-log} becomes {@code calllog}). Each
 * record has a JSON Schema under {@code /schemas/<stream>/<Event>.v<N>.json}; the schema, not the
 * record, is the contract: {@link dev.openpsi.events.EventCodec} refuses to write or read anything
 * it rejects. Emails are lowercase, DNs are E.164 with a leading {@code +}. No secret ever travels
 * in a payload (SIP passwords, provider secrets, tokens): references or ciphertext only.
 */
package dev.openpsi.events.payload;
