package dev.openpsi.testkit.zoom;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Fault injection rules: the next N matching requests fail with a status or are answered late. */
final class Faults {

    /** What one request must suffer: an optional delay, then an optional failure status (0: none). */
    record Verdict(Duration delay, int failStatus) {
        static final Verdict NONE = new Verdict(Duration.ZERO, 0);
    }

    private static final class Rule {
        final String endpoint; // null: every request
        int remaining;
        final int status;
        final Duration delay;

        Rule(String endpoint, int remaining, int status, Duration delay) {
            this.endpoint = endpoint;
            this.remaining = remaining;
            this.status = status;
            this.delay = delay;
        }

        boolean matches(String key) {
            return endpoint == null || endpoint.equals(key);
        }
    }

    private final List<Rule> failures = new ArrayList<>();
    private final List<Rule> delays = new ArrayList<>();
    private long injected;

    synchronized void failNext(String endpoint, int count, int status) {
        if (count > 0) {
            failures.add(new Rule(endpoint, count, status, Duration.ZERO));
        }
    }

    synchronized void delayNext(String endpoint, int count, Duration delay) {
        if (count > 0) {
            delays.add(new Rule(endpoint, count, 0, delay));
        }
    }

    synchronized void clear() {
        failures.clear();
        delays.clear();
    }

    synchronized long injected() {
        return injected;
    }

    synchronized Verdict take(String endpointKey) {
        Duration delay = Duration.ZERO;
        int status = 0;
        Rule d = consume(delays, endpointKey);
        if (d != null) {
            delay = d.delay;
            injected++;
        }
        Rule f = consume(failures, endpointKey);
        if (f != null) {
            status = f.status;
            injected++;
        }
        return delay.isZero() && status == 0 ? Verdict.NONE : new Verdict(delay, status);
    }

    private static Rule consume(List<Rule> rules, String key) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext();) {
            Rule r = it.next();
            if (r.matches(key)) {
                if (--r.remaining <= 0) {
                    it.remove();
                }
                return r;
            }
        }
        return null;
    }
}
