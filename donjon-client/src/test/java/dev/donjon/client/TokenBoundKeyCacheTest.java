package dev.donjon.client;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cache's promises, in process: key material it lets go of is overwritten with zeros, and nothing outlives the
 * token it was read with. The loader records every array it hands over, which is the array the cache keeps.
 */
class TokenBoundKeyCacheTest {
    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final List<byte[]> handedOver = new ArrayList<>();
    private final AtomicReference<ClientToken> token = new AtomicReference<>(ClientToken.of("djt_a_secret"));

    private TokenBoundKeyCache cache(int maxEntries, Duration maxAge) {
        return new TokenBoundKeyCache(id -> {
            byte[] material = new byte[32];
            Arrays.fill(material, (byte) (id.hashCode() | 1));
            handedOver.add(material);
            return material;
        }, clock, maxEntries, maxAge, token::get);
    }

    @Test
    void leastRecentlyUsedEntryIsZeroedWhenEvicted() {
        TokenBoundKeyCache cache = cache(2, Duration.ofHours(1));
        cache.get("a");
        cache.get("b");
        cache.get("a");               // b is now the least recently used
        cache.get("c");

        assertThat(isZero(handedOver.get(1))).as("b evicted and zeroed").isTrue();
        assertThat(isZero(handedOver.get(0))).as("a kept").isFalse();
        assertThat(cache.stats()).isEqualTo(new TokenBoundKeyCache.Stats(1, 3, 1, 2));
    }

    @Test
    void callersGetCopiesSoZeroingTheirsLeavesTheCacheIntact() {
        TokenBoundKeyCache cache = cache(4, Duration.ofHours(1));
        byte[] first = cache.get("a");
        Arrays.fill(first, (byte) 0);
        byte[] second = cache.get("a");

        assertThat(isZero(second)).isFalse();
        assertThat(second).isNotSameAs(handedOver.getFirst()).isEqualTo(handedOver.getFirst());
        assertThat(cache.stats().hits()).isEqualTo(1);
    }

    @Test
    void tokenExpiryDropsAndZeroesEverythingAndRefusesTheRead() {
        token.set(new ClientToken("djt_b_secret", T0.plusSeconds(60)));
        TokenBoundKeyCache cache = cache(4, Duration.ofHours(1));
        cache.get("a");
        cache.get("b");

        clock.now = T0.plusSeconds(60);
        assertThatThrownBy(() -> cache.get("a")).isInstanceOf(DonjonApiException.class)
                .hasMessageContaining("expired");
        assertThat(handedOver).allSatisfy(material -> assertThat(isZero(material)).isTrue());
        assertThat(cache.stats().size()).isZero();
    }

    @Test
    void aNewTokenDropsWhatTheOldOneRead() {
        TokenBoundKeyCache cache = cache(4, Duration.ofHours(1));
        cache.get("a");
        token.set(ClientToken.of("djt_c_secret"));
        cache.get("a");

        assertThat(isZero(handedOver.get(0))).isTrue();
        assertThat(isZero(handedOver.get(1))).isFalse();
        assertThat(cache.stats().misses()).isEqualTo(2);
    }

    @Test
    void anEntryPastTheMaximumAgeIsReadAgainAndTheOldCopyZeroed() {
        TokenBoundKeyCache cache = cache(4, Duration.ofSeconds(30));
        cache.get("a");
        clock.now = T0.plusSeconds(31);
        cache.get("a");

        assertThat(handedOver).hasSize(2);
        assertThat(isZero(handedOver.get(0))).isTrue();
        assertThat(isZero(handedOver.get(1))).isFalse();
    }

    @Test
    void invalidateAndDropAllZero() {
        TokenBoundKeyCache cache = cache(4, Duration.ofHours(1));
        cache.get("a");
        cache.get("b");
        cache.invalidate("a");
        assertThat(isZero(handedOver.get(0))).isTrue();
        assertThat(isZero(handedOver.get(1))).isFalse();

        cache.dropAll();
        assertThat(isZero(handedOver.get(1))).isTrue();
        assertThat(cache.stats().size()).isZero();
    }

    @Test
    void aZeroSizedCacheKeepsNothing() {
        TokenBoundKeyCache cache = cache(0, Duration.ofHours(1));
        byte[] material = cache.get("a");
        cache.get("a");

        assertThat(material).isSameAs(handedOver.getFirst());
        assertThat(cache.stats()).isEqualTo(new TokenBoundKeyCache.Stats(0, 2, 0, 0));
    }

    private static boolean isZero(byte[] material) {
        for (byte b : material) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        private MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
