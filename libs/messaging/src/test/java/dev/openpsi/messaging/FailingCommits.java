package dev.openpsi.messaging;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;

/** A real Kafka consumer whose offset commits fail: the process "crashes" after its handlers committed. */
final class FailingCommits {

    private FailingCommits() {
    }

    @SuppressWarnings("unchecked")
    static Consumer<String, byte[]> wrap(Consumer<String, byte[]> real) {
        return (Consumer<String, byte[]>) Proxy.newProxyInstance(FailingCommits.class.getClassLoader(),
                new Class<?>[] {Consumer.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("commit")) {
                        throw new KafkaException("simulated crash before the offset commit");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
