package dev.donjon.bench;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * KMIP load generator: Create, Get, Locate and Destroy of AES-256 keys over mutual TLS, for a fixed time at each
 * concurrency, on persistent connections or with a new connection per operation. Closed loop, like {@link RestLoad}:
 * each worker (a virtual thread) sends its next request as soon as the previous one is answered. Every key it
 * creates it destroys before exiting.
 */
public final class KmipLoad {
    static final int READ_POOL_SIZE = 1000;
    private static final int SETUP_CONCURRENCY = 8;
    /** Keys a Destroy run may consume, relative to what the Create run achieved in the same time. */
    private static final double DESTROY_HEADROOM = 1.5;
    private static final int MAX_DESTROY_STOCK = 300_000;

    private final KmipOptions options;
    private final PrintStream log;
    private final SSLContext tls;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final List<Key> readPool = new ArrayList<>();
    private final Queue<String> destroyable = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private double lastCreateRate;

    private record Key(String id, String name) {
    }

    KmipLoad(KmipOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
        this.tls = CaTrust.withClientCertificate(options.caCert(), options.clientCert(), options.clientKey());
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(KmipOptions.USAGE);
            return;
        }
        try {
            KmipOptions options = KmipOptions.parse(args);
            new KmipLoad(options, System.err).run(Report.of(options.json(), System.out)::row);
        } catch (UsageException e) {
            System.err.println("run-kmip: " + e.getMessage());
            System.err.print(KmipOptions.USAGE);
            System.exit(2);
        } catch (BenchException e) {
            System.err.println("run-kmip: " + e.getMessage());
            System.exit(1);
        }
    }

    List<RunResult> run(Consumer<RunResult> results) {
        log.printf("donjon-bench kmip: %s:%d, KMIP %s, %s connections, Java %s%n", options.host(), options.port(),
                options.protocolVersion(), options.newConnectionPerOperation() ? "new" : "persistent",
                Runtime.version().feature());
        List<RunResult> all = new ArrayList<>();
        try {
            prepare();
            for (int concurrency : options.concurrencies()) {
                for (KmipCall op : options.operations()) {
                    if (op == KmipCall.DESTROY) {
                        stockDestroyable();
                    }
                    log.printf("%s @%d: %s warm-up, %s measured%n", op.cliName(), concurrency,
                            options.warmup().toSeconds() + " s", options.duration().toSeconds() + " s");
                    RunResult result = measure(op, concurrency);
                    if (op == KmipCall.CREATE) {
                        lastCreateRate = result.opsPerSecond();
                    }
                    all.add(result);
                    results.accept(result);
                }
            }
        } finally {
            cleanUp();
        }
        return all;
    }

    /** The read pool, the optional preload, and a first call that stops a misconfigured run with the reason. */
    private void prepare() {
        try (KmipClient client = connect()) {
            readPool.add(create(client));
        } catch (IOException | KmipOperationException e) {
            throw new BenchException("cannot create a key on " + options.host() + ":" + options.port() + ": "
                    + describe(e), e);
        }
        int extra = READ_POOL_SIZE - 1 + options.preload();
        log.printf("creating %d keys to read%s%n", extra, options.preload() > 0 ? " and locate among" : "");
        List<Key> created = createUnmeasured(extra);
        readPool.addAll(created.subList(0, READ_POOL_SIZE - 1));
        created.subList(READ_POOL_SIZE - 1, created.size()).forEach(key -> destroyable.add(key.id()));
    }

    private void stockDestroyable() {
        long wanted = Math.min(MAX_DESTROY_STOCK, Math.round(Math.max(1000, lastCreateRate) * DESTROY_HEADROOM
                * (options.duration().toNanos() + options.warmup().toNanos()) / 1e9));
        long missing = wanted - destroyable.size();
        if (missing > 0) {
            log.printf("  (creating %d keys to destroy, unmeasured)%n", missing);
            createUnmeasured((int) missing).forEach(key -> destroyable.add(key.id()));
        }
    }

    private RunResult measure(KmipCall op, int concurrency) {
        long start = System.nanoTime() + options.warmup().toNanos();
        long end = start + options.duration().toNanos();
        AtomicLong ranOut = new AtomicLong(Long.MAX_VALUE);
        ErrorTally errors = new ErrorTally();
        List<LatencyHistogram> histograms = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            LatencyHistogram histogram = new LatencyHistogram();
            histograms.add(histogram);
            workers.add(Thread.ofVirtual().start(() -> work(op, start, end, histogram, errors, ranOut)));
        }
        Optional<ServerCpu> serverCpu = options.serverPid().isPresent() ? ServerCpu.over(options.serverPid()
                .getAsLong(), start, end) : Optional.empty();
        join(workers);
        LatencyHistogram all = new LatencyHistogram();
        histograms.forEach(all::merge);
        long windowEnd = Math.min(end, ranOut.get());
        serverCpu.ifPresent(cpu -> log.printf("%s @%d: server CPU %.1f us per operation (%.2f s over %d operations)%n",
                op.cliName(), concurrency, cpu.used().toNanos() / 1e3 / Math.max(1, all.count()),
                cpu.used().toNanos() / 1e9, all.count()));
        return new RunResult(op.cliName(), concurrency, Duration.ofNanos(Math.max(0, windowEnd - start)), all,
                errors.total(), errors.kinds());
    }

    private void work(KmipCall op, long start, long end, LatencyHistogram latencies, ErrorTally errors,
                      AtomicLong ranOut) {
        KmipClient persistent = null;
        try {
            while (true) {
                long sent = System.nanoTime();
                if (sent >= end || sent >= ranOut.get()) {
                    return;
                }
                String target = op == KmipCall.DESTROY ? destroyable.poll() : null;
                if (op == KmipCall.DESTROY && target == null) {
                    ranOut.compareAndSet(Long.MAX_VALUE, sent);
                    return;
                }
                Outcome outcome;
                try {
                    if (persistent == null && !options.newConnectionPerOperation()) {
                        persistent = connect();
                    }
                    if (persistent != null) {
                        outcome = perform(op, persistent, target);
                    } else {
                        try (KmipClient once = connect()) {
                            outcome = perform(op, once, target);
                        }
                    }
                } catch (IOException | KmipOperationException e) {
                    outcome = Outcome.failed(e instanceof KmipOperationException k ? "KMIP " + k.reason()
                            : e.getClass().getSimpleName(), e.getMessage());
                    if (e instanceof IOException) {
                        closeQuietly(persistent);
                        persistent = null;
                    }
                }
                long done = System.nanoTime();
                if (sent >= start) {
                    if (outcome.ok()) {
                        latencies.record(done - sent);
                    } else {
                        errors.record(outcome);
                    }
                }
            }
        } finally {
            closeQuietly(persistent);
        }
    }

    private Outcome perform(KmipCall op, KmipClient client, String target)
            throws IOException, KmipOperationException {
        switch (op) {
            case CREATE -> destroyable.add(create(client).id());
            case GET -> client.get(randomReadKey().id());
            case LOCATE -> {
                Key key = randomReadKey();
                List<String> found = client.locateByName(key.name());
                if (!found.equals(List.of(key.id()))) {
                    return Outcome.failed("wrong Locate result", "expected [" + key.id() + "], got " + found);
                }
            }
            case DESTROY -> client.destroy(target);
        }
        return Outcome.OK;
    }

    private Key create(KmipClient client) throws IOException, KmipOperationException {
        String name = "donjon-bench-" + runId + "-" + sequence.incrementAndGet();
        String id = client.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.of(name),
                CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
        return new Key(id, name);
    }

    private Key randomReadKey() {
        return readPool.get(ThreadLocalRandom.current().nextInt(readPool.size()));
    }

    /** Creates {@code count} keys on {@link #SETUP_CONCURRENCY} connections; fails on the first error. */
    private List<Key> createUnmeasured(int count) {
        Queue<Key> created = new ConcurrentLinkedQueue<>();
        AtomicLong remaining = new AtomicLong(count);
        Queue<Exception> failed = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < SETUP_CONCURRENCY; w++) {
            workers.add(Thread.ofVirtual().start(() -> {
                try (KmipClient client = connect()) {
                    while (failed.isEmpty() && remaining.getAndDecrement() > 0) {
                        created.add(create(client));
                    }
                } catch (IOException | KmipOperationException e) {
                    failed.add(e);
                }
            }));
        }
        join(workers);
        if (!failed.isEmpty()) {
            created.forEach(key -> destroyable.add(key.id()));
            throw new BenchException("set-up failed: " + describe(failed.peek()), failed.peek());
        }
        return new ArrayList<>(created);
    }

    /** Destroys every key the run created, unmeasured; reports (but survives) a failure. */
    private void cleanUp() {
        readPool.forEach(key -> destroyable.add(key.id()));
        readPool.clear();
        if (destroyable.isEmpty()) {
            return;
        }
        log.printf("destroying the %d keys the benchmark created%n", destroyable.size());
        Queue<Exception> failed = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < SETUP_CONCURRENCY; w++) {
            workers.add(Thread.ofVirtual().start(() -> {
                try (KmipClient client = connect()) {
                    for (String id = destroyable.poll(); id != null && failed.isEmpty(); id = destroyable.poll()) {
                        client.destroy(id);
                    }
                } catch (IOException | KmipOperationException e) {
                    failed.add(e);
                }
            }));
        }
        join(workers);
        if (!failed.isEmpty()) {
            log.printf("clean-up stopped (%s); %d keys left behind%n", describe(failed.peek()), destroyable.size());
        }
    }

    private KmipClient connect() throws IOException {
        return KmipClient.connect(KmipClient.Config.of(options.host(), options.port(), tls)
                .withProtocolVersion(options.protocolVersion()));
    }

    private static String describe(Exception e) {
        return e instanceof KmipOperationException k ? k.reason() + ": " + k.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void closeQuietly(KmipClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // the connection is being discarded
            }
        }
    }

    private static void join(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted", e);
            }
        }
    }
}
