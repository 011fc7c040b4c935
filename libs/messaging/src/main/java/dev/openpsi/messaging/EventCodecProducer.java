package dev.openpsi.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.openpsi.events.EventCodec;

/** One schema-validating codec per application (schemas are loaded once). */
@ApplicationScoped
public class EventCodecProducer {

    @Produces
    @ApplicationScoped
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
