package dev.openpsi.cloudlinkdaemon.replay;

/**
 * The body of an offset reset.
 *
 * @param to     RFC 3339: each partition of the group moves to the first record at or after this time
 * @param dryRun true: only compute the new offsets
 */
public record OffsetResetRequest(String to, Boolean dryRun) {
}
