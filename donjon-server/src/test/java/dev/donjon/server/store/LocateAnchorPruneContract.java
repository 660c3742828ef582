package dev.donjon.server.store;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.job.LocateAnchorPrune;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.LocateCriterion;
import dev.donjon.server.domain.object.LocateQuery;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.object.UsageMask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.donjon.server.store.SecretBuilder.T0;
import static dev.donjon.server.store.SecretBuilder.secretIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The places deleted objects keep in Locate's order (locate_anchors) against a real database: a Locate pages after
 * a deleted anchor until the retention has passed since its deletion, the prune job then forgets it in batches, oldest
 * first, and a Locate after an anchor the project does not know is refused. Time is a parameter, so nothing waits.
 * Each test works in a project of its own and at times of its own, later than every earlier test's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LocateAnchorPruneContract {
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final ObjectAttributes PLAIN = new ObjectAttributes(UsageMask.UNRESTRICTED, List.of(), List.of(),
            Map.of(), KeyProtection.DEFAULT);

    private JdbcStore store;
    /** Where the next test's clock starts: past every place an earlier test left, so none of those is due. */
    private Instant epoch = T0;

    abstract StoreConfig freshDatabase();

    @BeforeAll
    void open() {
        store = JdbcStore.open(freshDatabase());
    }

    @AfterAll
    void close() {
        store.close();
    }

    /** A test's own start: later than anything an earlier test deleted by more than the retention. */
    private Instant start() {
        epoch = epoch.plus(Duration.ofDays(365));
        // What earlier tests left behind is forgotten first, so that each counts only its own places.
        new LocateAnchorPrune(store, RETENTION, 1000).run(epoch);
        return epoch;
    }

    /** {@code count} objects of the project created a second apart from {@code from}, oldest first. */
    private List<SecretId> objects(ProjectId project, Instant from, int count) {
        List<SecretId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Secret secret = secretIn(project).created(from.plusSeconds(i)).build();
            store.write(tx -> {
                tx.objects().insert(secret, StoreContract.sealed(1), Lifecycle.preActive(), PLAIN);
                return null;
            });
            ids.add(secret.id());
        }
        return ids;
    }

    private void delete(SecretId id, Instant at) {
        boolean deleted = store.write(tx -> tx.secrets().delete(id, at));
        assertThat(deleted).isTrue();
    }

    /** The whole project, newest first, or the part after the anchor. */
    private List<SecretId> locate(ProjectId project, SecretId... after) {
        List<LocateCriterion> criteria = after.length == 0 ? List.of() : List.of(new LocateCriterion.After(after[0]));
        return store.read(tx -> tx.objects().locate(project, new LocateQuery(criteria, LocateQuery.Storage.ONLINE,
                100, 0), T0)).items();
    }

    private int prune(Instant now, int batch) {
        return new LocateAnchorPrune(store, RETENTION, batch).run(now);
    }

    @Test
    void aDeletedAnchorKeepsItsPlaceForTheRetentionAndIsRefusedOnceForgotten() {
        Instant start = start();
        ProjectId project = StoreContract.newProject();
        List<SecretId> ids = objects(project, start, 4);
        delete(ids.get(2), start.plus(Duration.ofHours(1)));

        assertThat(prune(start.plus(RETENTION), 1000)).as("kept for the whole retention").isZero();
        assertThat(locate(project, ids.get(2))).containsExactly(ids.get(1), ids.get(0));

        assertThat(prune(start.plus(RETENTION).plus(Duration.ofHours(2)), 1000)).isEqualTo(1);
        assertThatThrownBy(() -> locate(project, ids.get(2))).isInstanceOf(DomainException.InvalidInput.class)
                .hasMessageContaining(ids.get(2).toString()).hasMessageContaining("anchor retention")
                .hasMessageContaining("restart the listing");
        // The live listing is untouched, and so is a listing after a live anchor.
        assertThat(locate(project)).containsExactly(ids.get(3), ids.get(1), ids.get(0));
        assertThat(locate(project, ids.get(3))).containsExactly(ids.get(1), ids.get(0));
    }

    @Test
    void theJobForgetsOnlyPlacesOlderThanTheRetentionOldestFirstInBatches() {
        Instant start = start();
        ProjectId project = StoreContract.newProject();
        List<SecretId> ids = objects(project, start, 8);
        // Five deleted on day 0, three on day 5; the job runs on day 8 with batches of two rows.
        for (int i = 0; i < 5; i++) {
            delete(ids.get(i), start.plus(Duration.ofMinutes(i + 1)));
        }
        for (int i = 5; i < 8; i++) {
            delete(ids.get(i), start.plus(Duration.ofDays(5)));
        }

        assertThat(prune(start.plus(Duration.ofDays(8)), 2)).as("every old place, through three batches")
                .isEqualTo(5);

        for (SecretId forgotten : ids.subList(0, 5)) {
            assertThatThrownBy(() -> locate(project, forgotten)).isInstanceOf(DomainException.InvalidInput.class);
        }
        for (SecretId kept : ids.subList(5, 8)) {
            assertThat(locate(project, kept)).isEmpty();
        }
        assertThat(prune(start.plus(Duration.ofDays(8)), 2)).as("nothing left to forget").isZero();
        assertThat(prune(start.plus(Duration.ofDays(13)), 2)).isEqualTo(3);
    }

    @Test
    void twoNodesPruningAtOnceForgetEachPlaceOnce() throws Exception {
        Instant start = start();
        ProjectId project = StoreContract.newProject();
        List<SecretId> ids = objects(project, start, 40);
        for (SecretId id : ids) {
            delete(id, start);
        }
        Instant now = start.plus(Duration.ofDays(8));

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = () -> prune(now, 3);
            List<Future<Integer>> runs = nodes.invokeAll(List.of(run, run));
            int forgotten = 0;
            for (Future<Integer> done : runs) {
                forgotten += done.get();
            }
            // A run whose batch came back short because the other took its rows stops; what is left goes next time.
            forgotten += prune(now, 3);
            assertThat(forgotten).isEqualTo(40);
        } finally {
            nodes.shutdown();
        }
        assertThat(prune(now, 3)).isZero();
    }

    @Test
    void anAnchorTheProjectDoesNotKnowIsRefused() {
        Instant start = start();
        ProjectId project = StoreContract.newProject();
        ProjectId other = StoreContract.newProject();
        List<SecretId> mine = objects(project, start, 2);
        List<SecretId> theirs = objects(other, start.plusSeconds(10), 2);
        delete(theirs.get(0), start.plusSeconds(20));

        for (SecretId unknown : List.of(SecretId.random(), theirs.get(1), theirs.get(0))) {
            assertThatThrownBy(() -> locate(project, unknown)).isInstanceOf(DomainException.InvalidInput.class)
                    .hasMessageContaining("not an object of this project");
        }
        assertThat(locate(other, theirs.get(0))).isEmpty();
        assertThat(locate(project, mine.get(1))).containsExactly(mine.get(0));
    }
}
