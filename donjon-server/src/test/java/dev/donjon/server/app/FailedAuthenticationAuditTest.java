package dev.donjon.server.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit amplification, reproduced over HTTPS: 10,000 requests with a bad token from one address. The
 * address is throttled after its allowance (429), the audit trail grows by a few rows rather than 10,000, and those
 * rows still account for every one of the failures.
 */
class FailedAuthenticationAuditTest {
    private static final int REQUESTS = 10_000;
    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) further failed authentication\\(s\\) from ");

    @TempDir
    Path dataDir;

    @Test
    void tenThousandBadTokensAddABoundedNumberOfRowsThatStillCountThemAll() throws Exception {
        Statuses statuses = new Statuses();
        long started = System.nanoTime();
        try (TestServer server = TestServer.sqlite(dataDir);
             HttpClient client = HttpClient.newBuilder().sslContext(server.clientTls())
                     .version(HttpClient.Version.HTTP_1_1).build();
             ExecutorService workers = Executors.newFixedThreadPool(8)) {
            String badToken = "djt_" + "0".repeat(32) + "_not-a-secret";
            List<Future<?>> done = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            for (int w = 0; w < 8; w++) {
                done.add(workers.submit(() -> {
                    while (next.getAndIncrement() < REQUESTS) {
                        HttpResponse<Void> response = client.send(HttpRequest.newBuilder()
                                .uri(URI.create(server.baseUrl() + "/v1/secrets"))
                                .header("X-Auth-Token", badToken).timeout(Duration.ofSeconds(30)).GET().build(),
                                HttpResponse.BodyHandlers.discarding());
                        statuses.add(response.statusCode());
                    }
                    return null;
                }));
            }
            for (Future<?> worker : done) {
                worker.get();
            }
        }
        int intervals = (int) (Duration.ofNanos(System.nanoTime() - started).toSeconds() / 10 + 2);

        assertThat(statuses.counts.keySet()).containsOnly(401, 429);
        assertThat(statuses.count(401) + statuses.count(429)).isEqualTo(REQUESTS);
        assertThat(statuses.count(401)).as("401s: at most 50 per 10 s interval").isLessThanOrEqualTo(50 * intervals);

        int rows = 0;
        long accounted = 0;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("donjon.db"));
             Statement query = db.createStatement();
             ResultSet events = query.executeQuery(
                     "SELECT detail FROM audit_events WHERE action = 'AUTHENTICATE' AND outcome = 'FAILED'")) {
            while (events.next()) {
                rows++;
                Matcher summary = SUMMARY.matcher(events.getString(1));
                accounted += summary.find() ? Long.parseLong(summary.group(1)) : 1;
            }
        }
        assertThat(rows).as("audit rows: a first event and a summary per interval").isLessThanOrEqualTo(2 * intervals);
        assertThat(accounted).as("failures the rows account for").isEqualTo(REQUESTS);
    }

    /** Status code → how many responses had it. */
    private static final class Statuses {
        final java.util.Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();

        void add(int status) {
            counts.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        }

        int count(int status) {
            AtomicInteger count = counts.get(status);
            return count == null ? 0 : count.get();
        }
    }
}
