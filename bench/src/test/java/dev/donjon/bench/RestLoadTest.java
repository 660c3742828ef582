package dev.donjon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The tool end to end against {@link InMemoryBarbican}. */
class RestLoadTest {
    private static final String TOKEN = "djt_test_secret";
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    static TestPki pki;
    static InMemoryBarbican server;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.shared();
        server = InMemoryBarbican.start(pki, TOKEN);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyOperationAtEveryConcurrencyWithoutErrorsAndNothingLeftBehind() {
        List<RunResult> results = run("--token", TOKEN, "--op", "all", "--concurrency", "1,4");

        assertThat(results).extracting(RunResult::operation, RunResult::concurrency).containsExactly(
                tuple(RestCall.POST.cliName(), 1),
                tuple(RestCall.GET_META.cliName(), 1),
                tuple(RestCall.GET_PAYLOAD.cliName(), 1),
                tuple(RestCall.DELETE.cliName(), 1),
                tuple(RestCall.POST.cliName(), 4),
                tuple(RestCall.GET_META.cliName(), 4),
                tuple(RestCall.GET_PAYLOAD.cliName(), 4),
                tuple(RestCall.DELETE.cliName(), 4));
        assertThat(results).allSatisfy(r -> {
            assertThat(r.ops()).as("%s ops", r.operation()).isPositive();
            assertThat(r.errors()).as("%s errors %s", r.operation(), r.errorKinds()).isZero();
            assertThat(r.opsPerSecond()).isPositive();
            assertThat(r.latencies().percentile(50)).isPositive().isLessThanOrEqualTo(r.latencies().percentile(99));
        });
        assertThat(server.secretCount()).isZero();
    }

    @Test
    void deleteAloneCreatesItsOwnSecretsFirst() {
        List<RunResult> results = run("--project", "p", "--roles", "admin", "--op", "delete", "--concurrency", "2");

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.operation()).isEqualTo(RestCall.DELETE.cliName());
            assertThat(r.ops()).isPositive();
            assertThat(r.errors()).isZero();
        });
        assertThat(server.secretCount()).isZero();
    }

    @Test
    void aWrongTokenStopsBeforeTheRunWithTheServersAnswer() {
        assertThatThrownBy(() -> run("--token", "wrong", "--op", "post", "--concurrency", "1"))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("POST " + server.url() + "/v1/secrets failed: HTTP 401")
                .hasMessageContaining("Unauthorized");
    }

    @Test
    void failedRequestsAreCountedAndGroupedNotTimed() {
        Targets missing = new Targets.Random(List.of("no-such-secret"));

        RunResult r = LoadRun.measure(client(), RestCall.GET_META, missing, 2, Duration.ZERO, Duration.ofMillis(300),
                QUIET, OptionalLong.empty());

        assertThat(r.ops()).isZero();
        assertThat(r.errors()).isPositive();
        assertThat(r.errorKinds()).singleElement().satisfies(kind -> {
            assertThat(kind.error()).isEqualTo("HTTP 404");
            assertThat(kind.count()).isEqualTo(r.errors());
            assertThat(kind.firstDetail()).contains("Not Found");
        });
    }

    @Test
    void reportsTheServersCpuPerRequestOverTheMeasuredWindow() {
        // The in-memory server runs in this JVM: its process is this one.
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> created = LoadRun.createSecrets(client(), 5, 2);
        Targets reads = new Targets.Random(created);

        RunResult r = LoadRun.measure(client(), RestCall.GET_META, reads, 2, Duration.ofMillis(100),
                Duration.ofMillis(400), new PrintStream(log, true, StandardCharsets.UTF_8),
                OptionalLong.of(ProcessHandle.current().pid()));

        assertThat(r.ops()).isPositive();
        assertThat(log.toString(StandardCharsets.UTF_8))
                .containsPattern("get-meta @2: server CPU [0-9.]+ us per request \\([0-9.]+ s over " + r.ops()
                        + " requests\\)");
        assertThat(LoadRun.deleteAll(client(), new ConcurrentLinkedQueue<>(created), 2)).isEmpty();
    }

    @Test
    void deleteCreatesMoreSecretsWhenItRunsOutAndStillRunsItsFullDuration() {
        BarbicanClient client = client();
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>(LoadRun.createSecrets(client, 20, 4));

        RunResult r = LoadRun.measure(client, RestCall.DELETE, new Targets.Consume(ids), 4, Duration.ofMillis(100),
                Duration.ofMillis(700), QUIET, OptionalLong.empty());

        assertThat(r.ops()).isGreaterThan(20);
        assertThat(r.errors()).isZero();
        assertThat(r.measured()).isEqualTo(Duration.ofMillis(700));
        assertThat(server.secretCount()).isEqualTo(ids.size());

        LoadRun.deleteAll(client, ids, 4);
        assertThat(ids).isEmpty();
        assertThat(server.secretCount()).isZero();
    }

    @Test
    void cleanUpStopsAtTheFirstFailureAndKeepsWhatIsLeft() throws Exception {
        InMemoryBarbican doomed = InMemoryBarbican.start(pki, TOKEN);
        BarbicanClient client = new BarbicanClient(doomed.url(), CaTrust.fromPem(pki.caPem()),
                new RestCredentials.ApiToken(TOKEN));
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>(LoadRun.createSecrets(client, 50, 2));
        doomed.close();

        assertThat(LoadRun.deleteAll(client, ids, 2)).hasValueSatisfying(
                failure -> assertThat(failure.error()).isEqualTo("ConnectException"));
        assertThat(ids).hasSize(50);
    }

    @Test
    void jsonLinesCarryTheTableColumns() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<RunResult> results = run("--token", TOKEN, "--op", "post,get-payload", "--concurrency", "2");
        Report report = Report.of(true, new PrintStream(out, true, StandardCharsets.UTF_8));
        results.forEach(report::row);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).extracting(l -> l.get("op").asText()).containsExactly("post", "get-payload");
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.get("concurrency").asInt()).isEqualTo(2);
            assertThat(l.get("ops_per_s").asDouble()).isPositive();
            assertThat(l.get("p50_ms").asDouble()).isPositive();
            assertThat(l.has("p99_ms") && l.has("p999_ms") && l.has("max_ms") && l.has("errors")).isTrue();
            assertThat(l.get("error_kinds").isArray()).isTrue();
        });
    }

    @Test
    void tableHasAHeaderAndARowPerRun() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<RunResult> results = run("--token", TOKEN, "--op", "get-meta", "--concurrency", "1,2");
        Report report = Report.of(false, new PrintStream(out, true, StandardCharsets.UTF_8));
        results.forEach(report::row);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).containsSubsequence("op", "conc", "ops/s", "p50 ms", "p99 ms", "p999 ms", "max ms",
                "ops", "errors");
        assertThat(lines.get(1)).startsWith("get-meta").contains(" 1 ");
        assertThat(lines.get(2)).startsWith("get-meta").contains(" 2 ");
    }

    private static List<RunResult> run(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", server.url().toString(), "--cacert", pki.caPem().toString(),
                "--duration", "500ms", "--warmup", "100ms"));
        all.addAll(List.of(args));
        return new RestLoad(BenchOptions.parse(all.toArray(String[]::new)), QUIET).run(r -> { });
    }

    private static BarbicanClient client() {
        return new BarbicanClient(server.url(), CaTrust.fromPem(pki.caPem()), new RestCredentials.ApiToken(TOKEN));
    }
}
