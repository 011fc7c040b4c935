package dev.openpsi.messaging;

import java.util.function.Function;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/** Runs reactive work in one database transaction and waits for it (from a consumer thread, never an event loop). */
@FunctionalInterface
public interface TransactionRunner {

    <T> T inTransaction(Function<Mutiny.Session, Uni<T>> work);
}
