package dev.openpsi.cloudlinkdaemon.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.openpsi.cloudlinkdaemon.Account;
import dev.openpsi.events.ServiceName;
import dev.openpsi.security.Problem;
import dev.openpsi.security.ProblemException;
import dev.openpsi.security.Problems;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Decides and starts replays. Every request leaves one audit row, whatever its outcome: refused
 * (400/403/404), dry run (with the count) or executed (then the row carries the progress).
 * Blocking: called on a REST worker thread.
 */
@ApplicationScoped
public class ReplayService {

    static final int DEFAULT_SAMPLE = 10;
    static final int MAX_SAMPLE = 1000;
    static final double MAX_RATE = 1_000_000;
    private static final Comparator<ConsumerRecord<byte[], byte[]>> EARLIEST = Comparator
            .<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
            .thenComparingInt(ConsumerRecord::partition)
            .thenComparingLong(ConsumerRecord::offset);

    private final TopicScanner scanner;
    private final ReplayRunner runner;
    private final ReplayRepository replays;
    private final ReplayConfig config;
    private final Pool pool;

    public ReplayService(TopicScanner scanner, ReplayRunner runner, ReplayRepository replays, ReplayConfig config,
            Pool pool) {
        this.scanner = scanner;
        this.runner = runner;
        this.replays = replays;
        this.config = config;
        this.pool = pool;
    }

    /** A dry run's result or an executed replay's first status. */
    public sealed interface Outcome permits DryRun, Started {
    }

    public record DryRun(DryRunResult result) implements Outcome {
    }

    public record Started(ReplayStatus status) implements Outcome {
    }

    public Outcome request(ReplayCaller caller, ReplayRequest request) {
        UUID id = UUID.randomUUID();
        boolean dryRun = request != null && Boolean.TRUE.equals(request.dryRun());
        boolean redrive = request != null && Boolean.TRUE.equals(request.redrive());
        String target = request == null ? null : ReplaySelection.blankToNull(request.target());
        String account = request == null || request.selection() == null ? null
                : ReplaySelection.blankToNull(request.selection().account());
        ReplaySelection selection;
        ReplayRunner.Destination destination;
        int sample;
        double rate;
        try {
            if (request == null) {
                throw Problems.invalid("selection", "a request body is required");
            }
            selection = ReplaySelection.of(request.selection());
            destination = destination(selection, target, redrive);
            sample = sample(request.sample());
            rate = rate(request.ratePerSecond());
            authorize(caller, selection.account());
        } catch (ProblemException refused) {
            replays.insert(new ReplayRepository.Audit(id, "replay", caller, account, request, target, dryRun, redrive,
                    "refused", refused.problem().status(), null, refused.problem().detail()));
            throw refused;
        }
        if (dryRun) {
            DryRunResult result = dryRun(id, selection, sample);
            replays.insert(new ReplayRepository.Audit(id, "replay", caller, account, request, target, true, redrive,
                    "dry-run", null, result.count(), null));
            return new DryRun(result);
        }
        replays.insert(new ReplayRepository.Audit(id, "replay", caller, account, request, target, false, redrive,
                "running", null, null, null));
        runner.submit(id, selection, destination, rate);
        return new Started(replays.find(caller, id));
    }

    DryRunResult dryRun(UUID id, ReplaySelection selection, int sample) {
        // the N earliest by timestamp: a bounded max-heap, so a large selection costs no memory
        PriorityQueue<ConsumerRecord<byte[], byte[]>> earliest = new PriorityQueue<>(EARLIEST.reversed());
        long count = scanner.scan(scanner.plan(selection), selection.matcher(), record -> {
            if (sample == 0) {
                return;
            }
            synchronized (earliest) { // the scan's readers call in from several threads
                if (earliest.size() < sample) {
                    earliest.add(record);
                } else if (EARLIEST.compare(record, earliest.peek()) < 0) {
                    earliest.poll();
                    earliest.add(record);
                }
            }
        }, new AtomicLong());
        List<ConsumerRecord<byte[], byte[]>> first;
        synchronized (earliest) {
            first = new ArrayList<>(earliest);
        }
        first.sort(EARLIEST);
        return new DryRunResult(id, count, first.stream().map(SampledEvent::of).toList());
    }

    private static ReplayRunner.Destination destination(ReplaySelection selection, String target, boolean redrive) {
        if (redrive) {
            if (!selection.dlq()) {
                throw Problems.invalid("redrive", "needs selection.dlq: a redrive sends dead letters back to their topic");
            }
            if (target != null) {
                throw Problems.invalid("target", "must be empty for a redrive: the dead letters go back to their original topic");
            }
            return new ReplayRunner.Destination(null, true);
        }
        if (target == null) {
            throw Problems.invalid("target", "is required: the service whose replay topic receives the events");
        }
        ServiceName service = ServiceName.fromId(target)
                .orElseThrow(() -> Problems.invalid("target", "is not an openpsi service"));
        return new ReplayRunner.Destination(service.replayTopic(), false);
    }

    private static int sample(Integer sample) {
        if (sample == null) {
            return DEFAULT_SAMPLE;
        }
        if (sample < 0 || sample > MAX_SAMPLE) {
            throw Problems.invalid("sample", "must be from 0 to " + MAX_SAMPLE);
        }
        return sample;
    }

    private double rate(Double rate) {
        if (rate == null) {
            return config.defaultRate();
        }
        if (!(rate > 0) || rate > MAX_RATE) {
            throw Problems.invalid("ratePerSecond", "must be above 0 and at most " + (long) MAX_RATE);
        }
        return rate;
    }

    /**
     * Operators replay anything. Others need the selection's account: not visible -> 404 (as if
     * it did not exist), visible but not managed (a plain user) -> 403. No account -> operators only.
     */
    void authorize(ReplayCaller caller, String account) {
        if (caller.operator()) {
            return;
        }
        if (account == null) {
            throw forbidden("a replay of every account needs the platform-operator role; name selection.account");
        }
        if (caller.access() == null || caller.access().service()) {
            throw forbidden("only an account admin of the account, its partner or a platform operator may replay");
        }
        Account target = account(account);
        if (target == null || !caller.access().canSee(target)) {
            throw Problems.notFound();
        }
        if (!caller.access().canManage(target)) {
            throw forbidden("only an account admin of the account, its partner or a platform operator may replay");
        }
    }

    private Account account(String id) {
        RowSet<Row> rows = pool.preparedQuery("select id, parent_id from account where id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(30));
        if (rows.size() == 0) {
            return null;
        }
        Row row = rows.iterator().next();
        // a detached value: the access rules read only id and parent
        return Account.customer(row.getString("id"), row.getString("id"), row.getString("parent_id"), null);
    }

    static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "Forbidden", detail));
    }
}
