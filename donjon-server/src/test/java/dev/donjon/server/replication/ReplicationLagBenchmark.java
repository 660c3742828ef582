package dev.donjon.server.replication;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.ReplicatingServerProcess;
import dev.donjon.server.app.ReplicatingServerProcess.Site;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.TlsContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replication lag and catch-up (docs/benchmarks.md), run by {@code bench/replication-lag.sh}, never by the build (it
 * needs {@code -Ddonjon.bench=true}): an owner and two replicas as separate processes, each with its own SQLite.
 * <ul>
 * <li>Lag: keys created one at a time at the owner over KMIP; for each, the time from the owner's answer (the commit)
 * until a KMIP Get at each replica returns it (polled every millisecond on an open connection).</li>
 * <li>Catch-up: one replica stopped (SIGSTOP) while the owner takes writes for {@code donjon.bench.partition} seconds
 * (60 by default); then continued (SIGCONT), and the time until it holds the last key written.</li>
 * </ul>
 * Prints the figures; it asserts only that nothing acknowledged is missing.
 */
@EnabledIfSystemProperty(named = "donjon.bench", matches = "true")
class ReplicationLagBenchmark {
    @TempDir
    static Path directory;

    @Test
    void lagAndCatchUp() throws Exception {
        int samples = Integer.getInteger("donjon.bench.samples", 300);
        int partitionSeconds = Integer.getInteger("donjon.bench.partition", 60);
        Path keys = directory.resolve("keys");
        int port = Integer.getInteger("donjon.bench.port", 27111);
        Site owner = new Site("site-a", directory.resolve("a"), port);
        Site first = new Site("site-b", directory.resolve("b"), port + 1);
        Site second = new Site("site-c", directory.resolve("c"), port + 2);
        List<Site> all = List.of(owner, first, second);
        ReplicatingServerProcess.prepare(keys, all);
        List<ReplicatingServerProcess> servers = new ArrayList<>();
        try {
            for (Site site : all) {
                List<Site> peers = new ArrayList<>(all);
                peers.remove(site);
                servers.add(ReplicatingServerProcess.start(site, keys, peers));
            }
            try (KmipClient a = kmip(owner); KmipClient b = kmip(first); KmipClient c = kmip(second)) {
                for (int i = 0; i < 30; i++) {
                    String id = create(a);
                    awaitAt(b, id, Duration.ofSeconds(60));
                    awaitAt(c, id, Duration.ofSeconds(60));
                }
                long[] lagB = new long[samples];
                long[] lagC = new long[samples];
                for (int i = 0; i < samples; i++) {
                    String id = create(a);
                    long committed = System.nanoTime();
                    lagB[i] = awaitAt(b, id, Duration.ofSeconds(60)) - committed;
                    lagC[i] = awaitAt(c, id, Duration.ofSeconds(60)) - committed;
                    Thread.sleep(10);
                }
                System.out.printf("REPLICATION-LAG samples=%d site-b p50=%.1fms p99=%.1fms max=%.1fms"
                                + " site-c p50=%.1fms p99=%.1fms max=%.1fms%n", samples, ms(lagB, 0.50),
                        ms(lagB, 0.99), ms(lagB, 1.0), ms(lagC, 0.50), ms(lagC, 0.99), ms(lagC, 1.0));
            }

            ReplicatingServerProcess cut = servers.get(2);
            signal(cut, "-STOP");
            List<String> written = new ArrayList<>();
            long partitionEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(partitionSeconds);
            try (KmipClient a = kmip(owner)) {
                while (System.nanoTime() < partitionEnds) {
                    written.add(create(a));
                }
            } finally {
                signal(cut, "-CONT");
            }
            long healed = System.nanoTime();
            try (KmipClient c = kmip(second)) {
                long caughtUp = awaitAt(c, written.getLast(), Duration.ofMinutes(10)) - healed;
                int missing = 0;
                for (String id : written) {
                    if (!present(c, id)) {
                        missing++;
                    }
                }
                System.out.printf("REPLICATION-CATCHUP partition=%ds writes=%d (%.1f/s) catch-up=%.2fs missing=%d%n",
                        partitionSeconds, written.size(), written.size() / (double) partitionSeconds,
                        caughtUp / 1e9, missing);
                assertThat(missing).isZero();
            }
        } finally {
            for (ReplicatingServerProcess server : servers) {
                server.close();
            }
        }
    }

    private static String create(KmipClient client) throws IOException, KmipOperationException {
        return client.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.empty(),
                CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
    }

    /** @return System.nanoTime() when the key became visible */
    private static long awaitAt(KmipClient replica, String id, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (present(replica, id)) {
                return System.nanoTime();
            }
            Thread.sleep(1);
        }
        throw new AssertionError(id + " did not reach the replica within " + within);
    }

    private static boolean present(KmipClient replica, String id) throws IOException {
        try {
            replica.get(id);
            return true;
        } catch (KmipOperationException e) {
            return false;
        }
    }

    private static double ms(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static KmipClient kmip(Site site) throws IOException {
        return KmipClient.connect(KmipClient.Config.of(DevMode.HOST, site.kmipPort(),
                        TlsContexts.client(site.dataDir().resolve(DevPki.CA_CERTIFICATE),
                                site.dataDir().resolve(DevMode.KMIP_CLIENT_CERTIFICATE),
                                site.dataDir().resolve(DevMode.KMIP_CLIENT_KEY)))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    private static void signal(ReplicatingServerProcess server, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(server.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
}
