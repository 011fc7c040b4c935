package dev.openpsi.cli;

import java.util.concurrent.Callable;

import dev.openpsi.testkit.keycloak.TokenClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Prints an access token of the local realm, for curl. */
@Command(name = "token", description = "Print an access token of the openpsi realm (a demo user's, or a service account's).")
final class TokenCommand implements Callable<Integer> {

    @ParentCommand
    OpenPsi parent;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--user", description = "User name (email), e.g. admin@acme.example")
        String user;

        @Option(names = "--service", description = "Service account, e.g. zoom-sync (local secrets only)")
        String service;
    }

    @Option(names = "--password", description = "The user's password (default: the demo password)", defaultValue = "demo")
    String password;

    @Option(names = "--client", description = "Public client for user tokens (default ${DEFAULT-VALUE})", defaultValue = "openpsi-cli")
    String client;

    @Override
    public Integer call() {
        TokenClient tokens = new TokenClient(parent.layout().keycloakUrl() + "/realms/openpsi");
        String token = who.user != null
                ? tokens.passwordGrant(client, who.user, password)
                : tokens.clientCredentials(who.service, "dev-" + who.service + "-secret");
        System.out.println(token);
        return 0;
    }
}
