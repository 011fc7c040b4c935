package dev.openpsi.events;

import java.util.List;

/** The event is known but this version of it is not (e.g. {@code .v7} when only {@code .v1} exists). */
public final class UnsupportedEventVersionException extends EventContractException {

    private final String ceType;
    private final List<Integer> supportedVersions;

    public UnsupportedEventVersionException(String ceType, List<Integer> supportedVersions) {
        super("unsupported version of event type " + ceType + "; supported versions: " + supportedVersions);
        this.ceType = ceType;
        this.supportedVersions = List.copyOf(supportedVersions);
    }

    public String ceType() {
        return ceType;
    }

    public List<Integer> supportedVersions() {
        return supportedVersions;
    }

    @Override
    public DeadLetterReason reason() {
        return DeadLetterReason.UNSUPPORTED_VERSION;
    }
}
