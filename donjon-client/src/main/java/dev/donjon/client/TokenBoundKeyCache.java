package dev.donjon.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Secret payloads (keys) kept in memory so that repeated reads do not cost a round trip, never longer than the token
 * they were read with is valid:
 * <ul>
 *   <li>the token's expiry ({@link ClientToken#expiresAt()}) drops every entry: checked on each read, and a timer
 *       drops them at that instant even if nothing reads;</li>
 *   <li>a 401 on any call of the client (token revoked on the server) drops every entry, as does replacing the
 *       token ({@link DonjonClient#useToken});</li>
 *   <li>an entry older than the cache's maximum age is read again, so a revocation is noticed by a client that only
 *       reads cached keys within that age;</li>
 *   <li>at most {@code maxEntries} entries, least recently used evicted first.</li>
 * </ul>
 * Evicted or dropped key material is overwritten with zeros. Callers get a copy, which they own and should zero.
 */
public final class TokenBoundKeyCache {
    /** Counters since the client was built. */
    public record Stats(long hits, long misses, long evictions, int size) {
        public double hitRate() {
            long reads = hits + misses;
            return reads == 0 ? 0 : (double) hits / reads;
        }
    }

    private record Entry(byte[] material, Instant fetched) {
    }

    private final Function<String, byte[]> loader;
    private final Clock clock;
    private final int maxEntries;
    private final Duration maxAge;
    private final Supplier<ClientToken> token;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    /** The token the entries were read with; a different current token means they are stale. */
    private ClientToken boundTo;
    /** Incremented by every drop, so that a read in flight across a drop does not repopulate the cache. */
    private long generation;

    TokenBoundKeyCache(Function<String, byte[]> loader, Clock clock, int maxEntries, Duration maxAge,
                       Supplier<ClientToken> token) {
        this.loader = loader;
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.token = token;
    }

    /** The secret's payload, from the cache while fresh and the token valid, else read from the server. */
    public byte[] get(String secretId) {
        ClientToken current = token.get();
        Instant now = clock.instant();
        long readGeneration;
        synchronized (this) {
            bind(current);
            if (current != null && current.isExpiredAt(now)) {
                dropAllLocked();
                throw new DonjonApiException(401, "the token " + current.id() + " expired at "
                        + current.expiresAt());
            }
            Entry entry = entries.get(secretId);
            if (entry != null) {
                if (entry.fetched().plus(maxAge).isAfter(now)) {
                    hits.increment();
                    return entry.material().clone();
                }
                entries.remove(secretId);
                evict(entry);
            }
            readGeneration = generation;
        }
        misses.increment();
        // The loader hands over a fresh array: the cache keeps that one (and zeroes it on eviction), the caller a copy.
        byte[] loaded = loader.apply(secretId);   // a 401 here drops the cache (the client's listener)
        if (maxEntries > 0) {
            synchronized (this) {
                if (generation == readGeneration && current == boundTo) {
                    byte[] copy = loaded.clone();
                    Entry previous = entries.put(secretId, new Entry(loaded, now));
                    if (previous != null) {
                        evict(previous);
                    }
                    trim();
                    return copy;
                }
            }
        }
        return loaded;
    }

    /** Forgets one secret (after it was deleted or rotated). */
    public synchronized void invalidate(String secretId) {
        Entry entry = entries.remove(secretId);
        if (entry != null) {
            evict(entry);
        }
    }

    /** Drops and zeroes every entry. */
    public synchronized void dropAll() {
        dropAllLocked();
    }

    public synchronized Stats stats() {
        return new Stats(hits.sum(), misses.sum(), evictions.sum(), entries.size());
    }

    private void bind(ClientToken current) {
        if (current == boundTo) {
            return;
        }
        dropAllLocked();
        boundTo = current;
        if (current != null && current.expiresAt() != null) {
            long delay = Math.max(0, Duration.between(clock.instant(), current.expiresAt()).toMillis());
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> dropIfExpired(current));
        }
    }

    private synchronized void dropIfExpired(ClientToken expiring) {
        if (boundTo == expiring && expiring.isExpiredAt(clock.instant())) {
            dropAllLocked();
        }
    }

    private void dropAllLocked() {
        generation++;
        entries.values().forEach(this::evict);
        entries.clear();
    }

    private void trim() {
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (entries.size() > maxEntries && eldest.hasNext()) {
            evict(eldest.next().getValue());
            eldest.remove();
        }
    }

    private void evict(Entry entry) {
        Arrays.fill(entry.material(), (byte) 0);
        evictions.increment();
    }
}
