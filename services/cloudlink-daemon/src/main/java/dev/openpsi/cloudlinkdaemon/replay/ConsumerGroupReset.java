package dev.openpsi.cloudlinkdaemon.replay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.openpsi.events.ServiceName;
import dev.openpsi.messaging.MessagingRuntime;
import dev.openpsi.security.Problem;
import dev.openpsi.security.ProblemException;
import dev.openpsi.security.Problems;

/**
 * Moves a service's consumer group ({@code openpsi.<service>}) on every partition it has committed
 * offsets for to the offsets of a point in time - only while the group has no active member, since
 * a running consumer would overwrite the reset with its next commit. Blocking (AdminClient).
 */
@ApplicationScoped
public class ConsumerGroupReset {

    private static final long TIMEOUT_SECONDS = 30;

    private final String bootstrapServers;
    private final ReplayRepository replays;

    public ConsumerGroupReset(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ReplayRepository replays) {
        this.bootstrapServers = bootstrapServers;
        this.replays = replays;
    }

    public OffsetResetResult reset(ReplayCaller caller, String serviceId, OffsetResetRequest request) {
        UUID id = UUID.randomUUID();
        boolean dryRun = request != null && Boolean.TRUE.equals(request.dryRun());
        Map<String, Object> audited = new HashMap<>();
        audited.put("service", serviceId);
        audited.put("to", request == null ? null : request.to());
        audited.put("dryRun", dryRun);
        try {
            ServiceName service = ServiceName.fromId(serviceId).orElseThrow(Problems::notFound);
            Instant to = time(request == null ? null : request.to());
            OffsetResetResult result = reset(id, MessagingRuntime.groupId(service), to, dryRun);
            replays.insert(new ReplayRepository.Audit(id, "offset-reset", caller, null, audited, serviceId, dryRun, false,
                    dryRun ? "dry-run" : "completed", null, (long) result.partitions().size(), null));
            return result;
        } catch (ProblemException refused) {
            replays.insert(new ReplayRepository.Audit(id, "offset-reset", caller, null, audited, serviceId, dryRun, false,
                    "refused", refused.problem().status(), null, refused.problem().detail()));
            throw refused;
        }
    }

    private OffsetResetResult reset(UUID id, String group, Instant to, boolean dryRun) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "cloudlink-daemon-offset-reset"))) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!description.members().isEmpty()) {
                throw active(group, description.members().size());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            committed.values().removeIf(java.util.Objects::isNull);
            if (committed.isEmpty()) {
                throw new ProblemException(Problem.of(404, "Not Found", "group " + group + " has no committed offsets"));
            }
            Map<TopicPartition, Long> targets = offsetsAt(admin, committed.keySet(), to);
            List<OffsetResetResult.PartitionReset> partitions = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> moves = new HashMap<>();
            committed.forEach((tp, current) -> {
                long target = targets.get(tp);
                partitions.add(new OffsetResetResult.PartitionReset(tp.topic(), tp.partition(), current.offset(), target));
                moves.put(tp, new OffsetAndMetadata(target));
            });
            partitions.sort(Comparator.comparing(OffsetResetResult.PartitionReset::topic)
                    .thenComparingInt(OffsetResetResult.PartitionReset::partition));
            if (!dryRun) {
                admin.alterConsumerGroupOffsets(group, moves).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return new OffsetResetResult(id, group, to, dryRun, partitions);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupNotEmptyException || e.getCause() instanceof UnknownMemberIdException) {
                // a member joined between the check and the change: the broker refused, nothing moved
                throw active(group, 1);
            }
            if (e.getCause() instanceof GroupIdNotFoundException) {
                throw new ProblemException(Problem.of(404, "Not Found", "no consumer group " + group));
            }
            throw new IllegalStateException("offset reset of " + group + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** The first offset at or after {@code to} per partition; the end offset where no record is that late. */
    private static Map<TopicPartition, Long> offsetsAt(Admin admin, java.util.Set<TopicPartition> partitions, Instant to)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Map<TopicPartition, OffsetSpec> atTime = new HashMap<>();
        Map<TopicPartition, OffsetSpec> atEnd = new HashMap<>();
        partitions.forEach(tp -> {
            atTime.put(tp, OffsetSpec.forTimestamp(to.toEpochMilli()));
            atEnd.put(tp, OffsetSpec.latest());
        });
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> byTime = admin.listOffsets(atTime).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(atEnd).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> targets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long offset = byTime.get(tp).offset();
            targets.put(tp, offset >= 0 ? offset : ends.get(tp).offset());
        }
        return targets;
    }

    private static ProblemException active(String group, int members) {
        return Problems.conflict("consumer-group-active", "group " + group + " has " + members
                + " active member(s); stop the service's consumers before resetting its offsets");
    }

    private static Instant time(String value) {
        if (value == null || value.isBlank()) {
            throw Problems.invalid("to", "is required (RFC 3339 date-time)");
        }
        try {
            return OffsetDateTime.parse(value.trim().toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (RuntimeException e) {
            throw Problems.invalid("to", "is not an RFC 3339 date-time");
        }
    }
}
