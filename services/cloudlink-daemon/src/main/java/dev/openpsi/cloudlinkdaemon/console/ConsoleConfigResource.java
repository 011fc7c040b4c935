package dev.openpsi.cloudlinkdaemon.console;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /console/config.json}: read by the console before the user logs in (so it is public and
 * holds only public values), next to the console's static files in META-INF/resources/console.
 */
@Path("/console/config.json")
@Tag(name = "Admin console", description = "Run-time settings of the web admin console")
public class ConsoleConfigResource {

    private final ConsoleSettings settings;

    public ConsoleConfigResource(ConsoleConfig config) {
        this.settings = ConsoleSettings.of(config);
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where the console logs in and where the services' APIs are")
    public ConsoleSettings get() {
        return settings;
    }
}
