package dev.donjon.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * REST load generator for Donjon's Barbican v1 API: for each concurrency, runs each operation for a fixed time and
 * reports throughput and latency percentiles. Everything it creates it deletes before exiting, so runs can be
 * repeated on the same database without it growing.
 */
public final class RestLoad {
    /** Secrets the GET operations pick from at random: enough to defeat a per-secret cache of a few entries. */
    static final int READ_POOL_SIZE = 1000;

    private final BenchOptions options;
    private final PrintStream log;
    private final BarbicanClient client;
    /** Created by the benchmark and still on the server; GETs read these. */
    private final List<String> readPool = new ArrayList<>();
    /** Created by POST runs (or by a DELETE run for itself) and not yet deleted; DELETE runs consume these first. */
    private final Queue<String> deletable = new ConcurrentLinkedQueue<>();

    RestLoad(BenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
        SSLContext tls = options.caCert() != null ? CaTrust.fromPem(options.caCert()) : CaTrust.jdkDefault();
        this.client = new BarbicanClient(options.url(), tls, options.credentials());
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        try {
            BenchOptions options = BenchOptions.parse(args);
            new RestLoad(options, System.err).run(Report.of(options.json(), System.out)::row);
        } catch (UsageException e) {
            System.err.println("run-rest: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
        } catch (BenchException e) {
            System.err.println("run-rest: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs every operation at every concurrency, handing each result to {@code results} as it completes. */
    List<RunResult> run(Consumer<RunResult> results) {
        log.printf("donjon-bench: %s, %s, Java %s%n", options.url(), options.credentials().describe(),
                Runtime.version().feature());
        preflight();
        List<RunResult> all = new ArrayList<>();
        try {
            for (int concurrency : options.concurrencies()) {
                for (RestCall op : options.operations()) {
                    Targets targets = prepare(op);
                    log.printf("%s @%d: %s warm-up, %s measured%n", op.cliName(), concurrency,
                            seconds(options.warmup()), seconds(options.duration()));
                    RunResult result = LoadRun.measure(client, op, targets, concurrency, options.warmup(),
                            options.duration(), log, options.serverPid());
                    all.add(result);
                    results.accept(result);
                }
            }
        } finally {
            cleanUp();
        }
        return all;
    }

    /** One POST first, so a wrong URL, CA or credential stops the run with the reason rather than a table of errors. */
    private void preflight() {
        Outcome outcome;
        try (BarbicanClient.Session session = client.session()) {
            outcome = session.perform(RestCall.POST, null);
        }
        if (!outcome.ok()) {
            String hint = outcome.error().startsWith("SSL") ? "\n  (is --cacert the CA that signed the server's"
                    + " certificate, and does the certificate name the host in --url?)" : "";
            throw new BenchException("POST " + options.url() + "/v1/secrets failed: " + outcome.error()
                    + (outcome.detail() == null ? "" : ": " + outcome.detail()) + hint);
        }
        readPool.add(outcome.createdId());
    }

    private Targets prepare(RestCall op) {
        return switch (op) {
            case POST -> new Targets.Create(deletable);
            case GET_META, GET_PAYLOAD -> {
                if (readPool.size() < READ_POOL_SIZE) {
                    log.printf("creating %d secrets to read%n", READ_POOL_SIZE - readPool.size());
                    readPool.addAll(LoadRun.createSecrets(client, READ_POOL_SIZE - readPool.size(),
                            options.maxConcurrency()));
                }
                yield new Targets.Random(List.copyOf(readPool));
            }
            case DELETE -> new Targets.Consume(deletable);
            // Each in its own project, which the run's credentials cannot delete: left on the (bench) server.
            case POST_NEW_PROJECT -> new Targets.Create(new java.util.concurrent.ConcurrentLinkedQueue<>());
        };
    }

    private void cleanUp() {
        deletable.addAll(readPool);
        readPool.clear();
        if (!deletable.isEmpty()) {
            log.printf("deleting the %d secrets the benchmark created%n", deletable.size());
            LoadRun.deleteAll(client, deletable, options.maxConcurrency()).ifPresent(failure ->
                    log.printf("clean-up stopped by %s%s: %d secrets left behind%n", failure.error(),
                            failure.firstDetail() == null ? "" : " (" + failure.firstDetail() + ")", deletable.size()));
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
