package dev.donjon.server.crypto;

import dev.donjon.server.domain.DomainException;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pre-generated RSA key pairs per size, refilled by one background thread. An empty pool degrades to generating
 * inline, never to an error. Pooled private keys live only in this process's memory and are handed out once.
 */
public final class RsaKeyPairPool implements AutoCloseable {
    /** The sizes a pool is kept for; other sizes are generated inline. */
    public enum Size {
        RSA_2048(2048, 8), RSA_3072(3072, 2), RSA_4096(4096, 1);

        final int bits;
        final int target;

        Size(int bits, int target) {
            this.bits = bits;
            this.target = target;
        }

        static Size of(int bits) {
            for (Size size : values()) {
                if (size.bits == bits) {
                    return size;
                }
            }
            return null;
        }
    }

    private final SecureRandom random;
    private final Map<Size, BlockingQueue<KeyPair>> pools = new EnumMap<>(Size.class);
    /**
     * Prefilling waits this long, so that key generation (seconds of CPU) competes neither with the server's start nor
     * with its first requests: 3 s was still inside a start on a loaded two-core machine, where the refill took a
     * sixth of the CPU spent before the first answer. A pair taken earlier is generated on demand.
     */
    private static final long PREFILL_DELAY_SECONDS = 30;

    private final ScheduledExecutorService refiller;
    private final AtomicBoolean refilling = new AtomicBoolean();

    public RsaKeyPairPool(SecureRandom random, boolean prefill) {
        this.random = random;
        for (Size size : Size.values()) {
            pools.put(size, new ArrayBlockingQueue<>(size.target));
        }
        this.refiller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rsa-pool-refill");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        if (prefill) {
            prefillSoon();
        }
    }

    /**
     * Fills the pools half a minute from now. A server calls this once its listeners are open: the 2048-bit to
     * 4096-bit pairs cost seconds of CPU, which competed with the start itself on a small machine.
     */
    public void prefillSoon() {
        refiller.schedule(this::scheduleRefill, PREFILL_DELAY_SECONDS, TimeUnit.SECONDS);
    }

    public KeyPair take(int bits) {
        if (bits < 2048 || bits > 8192 || bits % 8 != 0) {
            throw new DomainException.InvalidInput("unsupported RSA key size " + bits + " (2048 to 8192)");
        }
        Size size = Size.of(bits);
        KeyPair pooled = size == null ? null : pools.get(size).poll();
        scheduleRefill();
        return pooled != null ? pooled : generate(bits);
    }

    /** How many pairs of a size are ready now. */
    public int available(Size size) {
        return pools.get(size).size();
    }

    private void scheduleRefill() {
        if (refilling.compareAndSet(false, true)) {
            refiller.execute(() -> {
                try {
                    for (Size size : Size.values()) {
                        BlockingQueue<KeyPair> pool = pools.get(size);
                        while (pool.remainingCapacity() > 0 && !Thread.currentThread().isInterrupted()) {
                            pool.offer(generate(size.bits));
                        }
                    }
                } finally {
                    refilling.set(false);
                }
            });
        }
    }

    private KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable", e);
        }
    }

    @Override
    public void close() {
        refiller.shutdownNow();
        pools.values().forEach(BlockingQueue::clear);
    }
}
