package dev.donjon.bench;

import dev.donjon.client.ClientTls;
import dev.donjon.client.ClientToken;
import dev.donjon.client.DonjonClient;
import dev.donjon.client.SecretSpec;
import dev.donjon.client.TokenBoundKeyCache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The client's token-bound key cache against a running server: stores {@code --keys} AES keys, then reads
 * {@code --reads} of them through the cache, chosen with a Zipf distribution of exponent {@code --zipf} (a few hot
 * keys, a long tail), with a cache of {@code --cache} entries. Reports the hit rate and the latency of hits (memory)
 * and misses (a REST round trip), separately.
 * <pre>bench/run-key-cache.sh --url https://127.0.0.1:9311 --cacert data/ca.pem --token djt_...</pre>
 */
public final class KeyCacheLoad {
    private KeyCacheLoad() {
    }

    public static void main(String[] args) {
        String url = option(args, "--url", "https://127.0.0.1:9311");
        String ca = option(args, "--cacert", null);
        String token = option(args, "--token", System.getenv("DONJON_TOKEN"));
        int keys = Integer.parseInt(option(args, "--keys", "500"));
        int cache = Integer.parseInt(option(args, "--cache", "100"));
        int reads = Integer.parseInt(option(args, "--reads", "20000"));
        double zipf = Double.parseDouble(option(args, "--zipf", "1.0"));
        if (token == null) {
            throw new IllegalArgumentException("give --token or set DONJON_TOKEN");
        }
        DonjonClient.Builder builder = DonjonClient.builder().nodes(url).token(ClientToken.of(token))
                .keyCache(cache, Duration.ofHours(1));
        if (ca != null) {
            builder.sslContext(ClientTls.trusting(Path.of(ca)));
        }
        try (DonjonClient donjon = builder.build()) {
            SplittableRandom random = new SplittableRandom(42);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                ids.add(donjon.secrets().store(SecretSpec.aesKey("bench-cache-" + i, key)));
            }
            double[] cumulative = zipfCumulative(keys, zipf);
            // Warm-up: JIT and connections, not counted.
            for (int i = 0; i < Math.min(2000, reads); i++) {
                donjon.keys().get(ids.get(pick(cumulative, random.nextDouble())));
            }
            donjon.keys().dropAll();
            TokenBoundKeyCache.Stats before = donjon.keys().stats();
            LatencyHistogram hits = new LatencyHistogram();
            LatencyHistogram misses = new LatencyHistogram();
            long started = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                String id = ids.get(pick(cumulative, random.nextDouble()));
                long missesBefore = donjon.keys().stats().misses();
                long t0 = System.nanoTime();
                donjon.keys().get(id);
                long elapsed = System.nanoTime() - t0;
                (donjon.keys().stats().misses() == missesBefore ? hits : misses).record(elapsed);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            TokenBoundKeyCache.Stats after = donjon.keys().stats();
            long hitCount = after.hits() - before.hits();
            long missCount = after.misses() - before.misses();
            System.out.printf("keys=%d cache=%d reads=%d zipf=%.2f%n", keys, cache, reads, zipf);
            System.out.printf("hit rate      %.1f%% (%d hits, %d misses, %d evictions)%n",
                    100.0 * hitCount / (hitCount + missCount), hitCount, missCount,
                    after.evictions() - before.evictions());
            System.out.printf("cached read   p50 %s  p99 %s  mean %s%n", micros(hits.percentile(50)),
                    micros(hits.percentile(99)), micros((long) hits.mean()));
            System.out.printf("server read   p50 %s  p99 %s  mean %s%n", micros(misses.percentile(50)),
                    micros(misses.percentile(99)), micros((long) misses.mean()));
            System.out.printf("throughput    %.0f reads/s (one thread)%n", reads / seconds);
            for (String id : ids) {
                donjon.secrets().delete(id);
            }
        }
    }

    private static double[] zipfCumulative(int n, double exponent) {
        double[] weights = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += weights[i] = 1 / Math.pow(i + 1, exponent);
        }
        double running = 0;
        for (int i = 0; i < n; i++) {
            running += weights[i] / total;
            weights[i] = running;
        }
        return weights;
    }

    private static int pick(double[] cumulative, double u) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < u) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static String micros(long nanos) {
        return String.format("%.1f µs", nanos / 1000.0);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
