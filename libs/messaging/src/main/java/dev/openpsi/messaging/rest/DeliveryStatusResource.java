package dev.openpsi.messaging.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.openpsi.messaging.MessagingConfig;
import dev.openpsi.security.AccountScope;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Every service answers whether an account's events are stuck in its outbox (first stop when troubleshooting). */
@Path("/api/v1/accounts/{account}/delivery-status")
@Tag(name = "Delivery")
public class DeliveryStatusResource {

    private static final String PENDING = """
            select count(*) as pending, min(created_at) as oldest from outbox_event where account = $1
            """;

    private final Pool pool;
    private final AccountScope scope;
    private final String service;

    public DeliveryStatusResource(Pool pool, AccountScope scope, MessagingConfig config) {
        this.pool = pool;
        this.scope = scope;
        this.service = config.service();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Events of the account not yet published by this service")
    public Uni<DeliveryStatus> status(
            @PathParam("account") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "is not an account id") String account) {
        scope.requireAccess(account);
        return pool.preparedQuery(PENDING).execute(Tuple.of(account)).map(rows -> {
            Row row = rows.iterator().next();
            return new DeliveryStatus(service, account, row.getLong("pending"), row.getOffsetDateTime("oldest"));
        });
    }
}
