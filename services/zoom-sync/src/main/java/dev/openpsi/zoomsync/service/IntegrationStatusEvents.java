package dev.openpsi.zoomsync.service;

import java.util.Objects;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.platform.IntegrationStatusChanged;
import dev.openpsi.messaging.EventContext;
import dev.openpsi.messaging.Outbox;
import dev.openpsi.zoomsync.ZoomConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes IntegrationStatusChanged when a write to an account's Zoom connection actually changes
 * its integration, OAuth or sync status - not on a write that leaves all three as they were (a
 * refresh of a working connection). The statuses are read before (locking the row) and after the
 * write, and the event goes to the outbox on the same connection, so it commits with the change.
 */
@ApplicationScoped
public class IntegrationStatusEvents {

    private static final int DETAIL_MAX = 2000;
    private static final String READ = "select integration_status, oauth_status, sync_status, oauth_error, sync_error "
            + "from zoom_connection where account = $1";

    private final Outbox outbox;

    public IntegrationStatusEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The statuses the admin portal shows, and the error details kept with them. */
    record Statuses(String integration, String oauth, String sync, String oauthError, String syncError) {

        static Statuses from(Row r) {
            return new Statuses(r.getString("integration_status"), r.getString("oauth_status"),
                    r.getString("sync_status"), r.getString("oauth_error"), r.getString("sync_error"));
        }

        boolean sameAs(Statuses other) {
            return other != null && Objects.equals(integration, other.integration) && Objects.equals(oauth, other.oauth)
                    && Objects.equals(sync, other.sync);
        }

        /** What an admin reads next to a Failed or Error status (integration errors are kept in oauth_error too). */
        String detail() {
            String detail = oauthError != null ? oauthError
                    : ZoomConnection.SYNC_FAILED.equals(sync) ? syncError : null;
            return detail == null || detail.length() <= DETAIL_MAX ? detail : detail.substring(0, DETAIL_MAX);
        }
    }

    /**
     * Runs {@code write} on {@code connection}, which must be in a transaction, and appends the event
     * if the write changed a status.
     */
    public <T> Uni<T> around(SqlClient connection, String account, Supplier<Uni<T>> write) {
        return read(connection, account, true).chain(before -> write.get()
                .call(() -> read(connection, account, false).chain(after -> publishIfChanged(connection, account, before, after))));
    }

    private static Uni<Statuses> read(SqlClient connection, String account, boolean lock) {
        return connection.preparedQuery(lock ? READ + " for update" : READ).execute(Tuple.of(account))
                .map(rows -> rows.size() == 0 ? null : Statuses.from(rows.iterator().next()));
    }

    private Uni<Void> publishIfChanged(SqlClient connection, String account, Statuses before, Statuses after) {
        if (after == null || after.sameAs(before)) {
            return Uni.createFrom().voidItem();
        }
        return outbox.append(connection, EventContext.root(account), EventTypes.INTEGRATION_STATUS_CHANGED,
                new IntegrationStatusChanged(account, IntegrationStatusChanged.ZOOM, after.integration(), after.oauth(),
                        after.sync(), before == null ? null : before.integration(), before == null ? null : before.oauth(),
                        before == null ? null : before.sync(), after.detail()))
                .replaceWithVoid();
    }
}
