package dev.openpsi.osvadapter.service;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

import io.vertx.pgclient.PgException;

/** Recognises the database refusals a service turns into problems instead of 500s. */
final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private DatabaseErrors() {
    }

    /** A concurrent transaction inserted the same key first (constraint {@code constraint}). */
    static boolean isUniqueViolation(Throwable failure, String constraint) {
        return violates(failure, UNIQUE_VIOLATION, constraint);
    }

    /** A row this one references (or that references this one) changed meanwhile. */
    static boolean isForeignKeyViolation(Throwable failure, String constraint) {
        return violates(failure, FOREIGN_KEY_VIOLATION, constraint);
    }

    /** The version check of an update failed: another transaction changed the row first. */
    static boolean isConcurrentUpdate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private static boolean violates(Throwable failure, String sqlState, String constraint) {
        // the driver's error names the constraint; Hibernate's wrapper may not
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return sqlState.equals(pg.getSqlState()) && (constraint == null || constraint.equals(pg.getConstraint()));
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException cv) {
                return sqlState.equals(cv.getSQLState())
                        && (constraint == null || constraint.equals(cv.getConstraintName()));
            }
        }
        return false;
    }
}
