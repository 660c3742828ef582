package dev.donjon.server.store;

import dev.donjon.server.domain.job.JobLease;
import dev.donjon.server.domain.job.JobLeases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link JobLeases} contract, with two stores open on one database standing for two nodes. Time is passed in, so
 * expiry is tested without waiting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JobLeasesContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    private JdbcStore nodeA;
    private JdbcStore nodeB;

    /** A configuration for an empty database that lives as long as the test class. */
    abstract StoreConfig freshDatabase();

    @BeforeAll
    void open() {
        StoreConfig config = freshDatabase();
        nodeA = JdbcStore.open(config);
        nodeB = JdbcStore.open(config);
    }

    @AfterAll
    void close() {
        nodeA.close();
        nodeB.close();
    }

    private JobLeases a() {
        return nodeA.jobLeases();
    }

    private JobLeases b() {
        return nodeB.jobLeases();
    }

    @Test
    void aFreeLeaseIsTakenAndOthersAreRefusedUntilItExpires() {
        JobLease held = a().acquire("free", "node-a", T0, TTL).orElseThrow();
        assertThat(held.holder()).isEqualTo("node-a");
        assertThat(held.token()).isEqualTo(1);
        assertThat(held.expires()).isEqualTo(T0.plus(TTL));

        assertThat(b().acquire("free", "node-b", T0.plusSeconds(29), TTL)).isEmpty();
        assertThat(b().current("free")).contains(held);
    }

    @Test
    void acquiringAgainByTheHolderRenewsAndKeepsTheToken() {
        JobLease first = a().acquire("again", "node-a", T0, TTL).orElseThrow();
        JobLease second = a().acquire("again", "node-a", T0.plusSeconds(20), TTL).orElseThrow();
        assertThat(second.token()).isEqualTo(first.token());
        assertThat(second.expires()).isEqualTo(T0.plusSeconds(50));
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheFormerHolderCanNeitherRenewNorReleaseIt() {
        JobLease old = a().acquire("takeover", "node-a", T0, TTL).orElseThrow();
        JobLease taken = b().acquire("takeover", "node-b", T0.plus(TTL), TTL).orElseThrow();
        assertThat(taken.holder()).isEqualTo("node-b");
        assertThat(taken.token()).isEqualTo(old.token() + 1);

        assertThat(a().renew(old, T0.plus(TTL), TTL)).isEmpty();
        assertThat(a().release(old)).isFalse();
        assertThat(a().acquire("takeover", "node-a", T0.plus(TTL).plusSeconds(1), TTL)).isEmpty();
        assertThat(a().current("takeover")).contains(taken);
    }

    @Test
    void renewingExtendsTheHoldingEvenPastItsExpiryIfNobodyTookIt() {
        JobLease held = a().acquire("renew", "node-a", T0, TTL).orElseThrow();
        JobLease renewed = a().renew(held, T0.plusSeconds(40), TTL).orElseThrow();
        assertThat(renewed.token()).isEqualTo(held.token());
        assertThat(renewed.expires()).isEqualTo(T0.plusSeconds(70));
        assertThat(b().acquire("renew", "node-b", T0.plusSeconds(69), TTL)).isEmpty();
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndItsNextHoldingHasANewToken() {
        JobLease held = a().acquire("release", "node-a", T0, TTL).orElseThrow();
        assertThat(a().release(held)).isTrue();
        JobLease next = b().acquire("release", "node-b", T0.plusSeconds(1), TTL).orElseThrow();
        assertThat(next.token()).isEqualTo(held.token() + 1);
        JobLease again = b().acquire("release", "node-b", T0.plusSeconds(2), TTL).orElseThrow();
        assertThat(b().release(again)).isTrue();
        assertThat(b().acquire("release", "node-b", T0.plusSeconds(3), TTL).orElseThrow().token())
                .isEqualTo(next.token() + 1);
    }

    @Test
    void ofManyNodesRacingForOneLeaseExactlyOneGetsIt() throws Exception {
        int contenders = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<JobLease>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(contenders)) {
            for (int i = 0; i < contenders; i++) {
                JobLeases leases = i % 2 == 0 ? a() : b();
                String holder = "node-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return leases.acquire("race", holder, T0, TTL);
                }));
            }
            start.countDown();
            List<JobLease> winners = new ArrayList<>();
            for (Future<Optional<JobLease>> result : results) {
                result.get().ifPresent(winners::add);
            }
            assertThat(winners).hasSize(1);
            assertThat(a().current("race")).contains(winners.getFirst());
        }
    }

    @Test
    void aLeaseOutlivesTheStoreThatTookIt() {
        JobLease held = a().acquire("durable", "node-a", T0, TTL).orElseThrow();
        try (JdbcStore reopened = JdbcStore.open(freshDatabaseAgain())) {
            assertThat(reopened.jobLeases().current("durable")).contains(held);
        }
    }

    @Test
    void aJobThatNeverHadAHolderHasNoLease() {
        assertThat(a().current("never")).isEmpty();
    }

    @Test
    void aTtlThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> a().acquire("ttl", "node-a", T0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(a().current("ttl")).isEmpty();
    }

    /** The same database as {@link #freshDatabase()} returned, opened once more. */
    abstract StoreConfig freshDatabaseAgain();
}
