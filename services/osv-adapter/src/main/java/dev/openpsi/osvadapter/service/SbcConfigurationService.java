package dev.openpsi.osvadapter.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.osvadapter.SbcConfiguration;
import dev.openpsi.osvadapter.repository.SbcConfigurationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The SBC configurations a Zoom user can be added with: those sbc-adapter published and did not delete. */
@ApplicationScoped
public class SbcConfigurationService {

    private final SbcConfigurationRepository configurations;

    public SbcConfigurationService(SbcConfigurationRepository configurations) {
        this.configurations = configurations;
    }

    /** A page of {@code account}'s current configurations ordered by id, after {@code after} (null: from the start). */
    @WithSession
    public Uni<Listing<SbcConfiguration>> list(String account, String after, int limit) {
        return configurations.pageOfCurrent(account, after == null ? "" : after, limit + 1)
                .map(rows -> Listing.of(rows, limit, c -> c.id));
    }
}
