package dev.openpsi.osvadapter;

import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One call-forwarding feature of a subscriber (DOMAIN.md "PBX side"): whether it is on, where it
 * forwards to (E.164; none for forwarding to voicemail, which uses the voicemail pilot number) and
 * whether "Allow Endpoint Control" is on, i.e. whether a Zoom client shows and controls it.
 * A value: replace it, never change it in place.
 */
@Embeddable
public class Forwarding {

    private static final Forwarding OFF = new Forwarding(false, null, false);

    @Column(nullable = false)
    private boolean enabled;

    private String destination;

    @Column(nullable = false)
    private boolean endpointControlAllowed;

    protected Forwarding() {
    }

    private Forwarding(boolean enabled, String destination, boolean endpointControlAllowed) {
        this.enabled = enabled;
        this.destination = destination;
        this.endpointControlAllowed = endpointControlAllowed;
    }

    public static Forwarding of(boolean enabled, String destination, boolean endpointControlAllowed) {
        return new Forwarding(enabled, destination, endpointControlAllowed);
    }

    /** Off, no destination, no endpoint control: what a new subscriber has. */
    public static Forwarding off() {
        return OFF;
    }

    public boolean enabled() {
        return enabled;
    }

    public String destination() {
        return destination;
    }

    public boolean endpointControlAllowed() {
        return endpointControlAllowed;
    }

    /** Whether what the PBX does differs (on/off or target); the endpoint-control flag alone does not count. */
    public boolean routesDifferentlyFrom(Forwarding other) {
        return enabled != other.enabled || !Objects.equals(destination, other.destination);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Forwarding that && enabled == that.enabled && endpointControlAllowed == that.endpointControlAllowed
                && Objects.equals(destination, that.destination);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, destination, endpointControlAllowed);
    }

    @Override
    public String toString() {
        return "Forwarding[enabled=" + enabled + ", destination=" + destination + ", endpointControlAllowed="
                + endpointControlAllowed + "]";
    }
}
