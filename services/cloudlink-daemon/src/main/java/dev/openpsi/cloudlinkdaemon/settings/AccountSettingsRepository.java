package dev.openpsi.cloudlinkdaemon.settings;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.cloudlinkdaemon.AccountSettings;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Account settings by account id. */
@ApplicationScoped
public class AccountSettingsRepository implements PanacheRepositoryBase<AccountSettings, String> {
}
