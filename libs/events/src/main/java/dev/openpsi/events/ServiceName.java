package dev.openpsi.events;

import java.util.Arrays;
import java.util.Optional;

/** The seven openpsi services: their CloudEvents {@code source} and their replay intake topic. */
public enum ServiceName {
    CLOUDLINK_DAEMON("cloudlink-daemon"),
    OSV_ADAPTER("osv-adapter"),
    ZOOM_SYNC("zoom-sync"),
    SBC_ADAPTER("sbc-adapter"),
    PUSH_NOTIFIER("push-notifier"),
    VVM_TRANSCRIPT("vvm-transcript"),
    E911_LOCATOR("e911-locator");

    static final String SOURCE_PREFIX = "/openpsi/";
    static final String REPLAY_PREFIX = "openpsi.replay.";

    private final String id;

    ServiceName(String id) {
        this.id = id;
    }

    /** The dashed service name, e.g. {@code osv-adapter}; also the module and Helm name. */
    public String id() {
        return id;
    }

    /** The CloudEvents {@code ce_source} of events this service produces, e.g. {@code /openpsi/osv-adapter}. */
    public String source() {
        return SOURCE_PREFIX + id;
    }

    /** The topic on which this service receives replayed events, e.g. {@code openpsi.replay.osv-adapter}. */
    public String replayTopic() {
        return REPLAY_PREFIX + id;
    }

    public static Optional<ServiceName> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** The service whose {@link #source()} is {@code source}; empty for foreign sources. */
    public static Optional<ServiceName> fromSource(String source) {
        return Arrays.stream(values()).filter(s -> s.source().equals(source)).findFirst();
    }

    /** The service whose {@link #replayTopic()} is {@code topic}. */
    public static Optional<ServiceName> fromReplayTopic(String topic) {
        return Arrays.stream(values()).filter(s -> s.replayTopic().equals(topic)).findFirst();
    }
}
