package dev.openpsi.cloudlinkdaemon.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.cloudlinkdaemon.CloudLinkUser;
import dev.openpsi.cloudlinkdaemon.LicenseAssignment;
import dev.openpsi.cloudlinkdaemon.rest.CloudLinkUserPage;
import dev.openpsi.cloudlinkdaemon.rest.CloudLinkUserResponse;
import dev.openpsi.security.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads of the CloudLink user database, always within an account the caller may see. */
@ApplicationScoped
public class CloudLinkUsers {

    private final AccountAccess access;

    public CloudLinkUsers(AccountAccess access) {
        this.access = access;
    }

    @WithSession
    public Uni<CloudLinkUserPage> list(AccountAccess.Caller caller, String account, String after, int limit) {
        return access.findVisible(caller, account).chain(visible -> Panache.getSession().chain(session -> session
                .createSelectionQuery("from CloudLinkUser where account = :account and email > :after order by email",
                        CloudLinkUser.class)
                .setParameter("account", account)
                .setParameter("after", after == null ? "" : after)
                .setMaxResults(limit + 1)
                .getResultList()
                .chain(users -> {
                    List<CloudLinkUser> page = users.size() > limit ? users.subList(0, limit) : users;
                    String next = users.size() > limit ? page.get(page.size() - 1).email : null;
                    return licenses(page).map(held -> new CloudLinkUserPage(page.stream()
                            .map(u -> CloudLinkUserResponse.of(u, held.getOrDefault(u.id, List.of())))
                            .toList(), next));
                })));
    }

    @WithSession
    public Uni<CloudLinkUserResponse> get(AccountAccess.Caller caller, String account, String email) {
        return access.findVisible(caller, account)
                .chain(visible -> Panache.getSession())
                .chain(session -> CloudLinkDirectory.find(session, account, email))
                .chain(user -> {
                    if (user == null) {
                        throw Problems.notFound();
                    }
                    return licenses(List.of(user)).map(held -> CloudLinkUserResponse.of(user, held.getOrDefault(user.id, List.of())));
                });
    }

    private static Uni<Map<UUID, List<String>>> licenses(List<CloudLinkUser> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> ids = users.stream().map(u -> u.id).toList();
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from LicenseAssignment where userId in :ids order by license", LicenseAssignment.class)
                .setParameter("ids", ids)
                .getResultList()
                .map(all -> all.stream().collect(Collectors.groupingBy(l -> l.userId,
                        Collectors.mapping(l -> l.license, Collectors.toList())))));
    }
}
