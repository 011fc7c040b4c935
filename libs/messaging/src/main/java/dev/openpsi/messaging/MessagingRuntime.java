package dev.openpsi.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import dev.openpsi.events.EventCodec;
import dev.openpsi.events.ServiceName;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Starts this service's outbox relay and, when it has {@link EventHandler}s, its idempotent
 * consumer (group {@code openpsi.<service>}, subscribed to its handlers' topics and to its replay
 * topic). Stops both on shutdown.
 */
@ApplicationScoped
public class MessagingRuntime {

    private static final Logger LOG = Logger.getLogger(MessagingRuntime.class);

    private final MessagingConfig config;
    private final String bootstrapServers;
    private final Pool pool;
    private final Mutiny.SessionFactory sessions;
    private final EventCodec codec;
    private final Instance<EventHandler<?>> handlers;
    private final List<AutoCloseable> running = new ArrayList<>();
    private Optional<IdempotentConsumer> consumer = Optional.empty();

    public MessagingRuntime(MessagingConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            Pool pool, Mutiny.SessionFactory sessions, EventCodec codec, @Any Instance<EventHandler<?>> handlers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.pool = pool;
        this.sessions = sessions;
        this.codec = codec;
        this.handlers = handlers;
    }

    void onStart(@Observes StartupEvent event) {
        ServiceName service = service();
        if (config.outbox().relayEnabled()) {
            KafkaRecordPublisher publisher = KafkaRecordPublisher.connect(bootstrapServers, service.id() + "-outbox");
            OutboxRelay relay = new OutboxRelay(pool, publisher, service.id(), config.outbox().batchSize(),
                    config.outbox().pollInterval());
            relay.start("openpsi-outbox-relay");
            running.add(relay);
            running.add(publisher);
        }
        List<EventHandler<?>> found = handlers.stream().toList();
        if (config.consumer().enabled() && !found.isEmpty()) {
            KafkaRecordPublisher deadLetters = KafkaRecordPublisher.connect(bootstrapServers, service.id() + "-dlq");
            String group = groupId(service);
            IdempotentConsumer c = new IdempotentConsumer(group, List.of(service.replayTopic()), found,
                    () -> KafkaClients.consumer(bootstrapServers, group, service.id()), deadLetters, codec,
                    transactionRunner(), config.consumer().maxAttempts(), config.consumer().retryBackoff());
            c.start();
            consumer = Optional.of(c);
            running.add(0, c);
            running.add(deadLetters);
            LOG.infof("consumer %s subscribed to %s", group, c.topics());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        for (AutoCloseable closeable : running) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing messaging component failed", e);
            }
        }
        running.clear();
    }

    /** The consumer group of a service. */
    public static String groupId(ServiceName service) {
        return "openpsi." + service.id();
    }

    public ServiceName service() {
        return ServiceName.fromId(config.service())
                .orElseThrow(() -> new IllegalArgumentException("openpsi.messaging.service is not a known service: " + config.service()));
    }

    public Optional<IdempotentConsumer> consumer() {
        return consumer;
    }

    /** Hibernate Reactive transactions run on a Vert.x context; the calling consumer thread waits. */
    public TransactionRunner transactionRunner() {
        return new TransactionRunner() {
            @Override
            public <T> T inTransaction(java.util.function.Function<Mutiny.Session, io.smallrye.mutiny.Uni<T>> work) {
                try {
                    return VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction((s, tx) -> work.apply(s)));
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            }
        };
    }
}
