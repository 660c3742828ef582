package dev.donjon.server.store;

import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.object.LinkKind;
import dev.donjon.server.domain.object.LocateCriterion;
import dev.donjon.server.domain.object.LocateQuery;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.NamePattern;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.object.ObjectLink;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.object.Revocation;
import dev.donjon.server.domain.object.RevocationReason;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.object.UsageMask;
import dev.donjon.server.domain.object.KeyUsage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.donjon.server.store.SecretBuilder.T0;
import static dev.donjon.server.store.SecretBuilder.secretIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every engine must do for secrets as KMIP managed objects (V2__kmip.sql): lifecycle, attributes and Locate.
 * Runs inside {@link StoreContract} as a nested class, on its store.
 */
abstract class ManagedObjectContract {
    abstract JdbcStore store();

    private static final ObjectAttributes ATTRIBUTES = new ObjectAttributes(
            UsageMask.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT), List.of("first", "second"),
            List.of(new ObjectLink(LinkKind.PUBLIC_KEY, "0f0e0d0c-0000-0000-0000-000000000001")),
            Map.of("Object Group", List.of("g1", "g2"), "x-custom", List.of("v")), new KeyProtection(true, false));

    ManagedObject describe(Secret secret, Lifecycle lifecycle, ObjectAttributes attributes) {
        return store().write(tx -> {
            tx.objects().insert(secret, StoreContract.sealed(1), lifecycle, attributes);
            return tx.objects().find(secret.id()).orElseThrow();
        });
    }

    Page<SecretId> locate(ProjectId project, LocateQuery query) {
        return store().read(tx -> tx.objects().locate(project, query, T0));
    }

    static LocateQuery all() {
        return new LocateQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 100, 0);
    }

    static LocateQuery named(String name) {
        return new LocateQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(name), 100, 0);
    }

    @Test
    void lifecycleAndAttributesRoundTrip() {
        Secret secret = secretIn(StoreContract.newProject()).name("first").build();
        ManagedObject found = describe(secret, Lifecycle.preActive(), ATTRIBUTES);
        assertThat(found.secret()).isEqualTo(secret);
        assertThat(found.lifecycle()).isEqualTo(Lifecycle.preActive());
        assertThat(found.attributes()).isEqualTo(ATTRIBUTES);
        KeyProtection protection = store().read(tx -> tx.objects().protection(secret.id()));
        assertThat(protection).isEqualTo(new KeyProtection(true, false));
    }

    @Test
    void aSecretStoredWithoutLifecycleIsActiveSinceCreationAndUnrestricted() {
        Secret secret = secretIn(StoreContract.newProject()).name("rest-name").build();
        store().write(tx -> {
            tx.secrets().insert(secret, StoreContract.sealed(1));
            return null;
        });
        ManagedObject found = store().read(tx -> tx.objects().find(secret.id())).orElseThrow();
        assertThat(found.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(found.lifecycle().activationDate()).isEqualTo(secret.created());
        assertThat(found.attributes().usageMask()).isEqualTo(UsageMask.UNRESTRICTED);
        assertThat(found.attributes().names()).containsExactly("rest-name");
        assertThat(found.attributes().protection()).isEqualTo(KeyProtection.DEFAULT);
        KeyProtection protection = store().read(tx -> tx.objects().protection(secret.id()));
        assertThat(protection).isEqualTo(KeyProtection.DEFAULT);
        assertThat(locate(secret.project(), named("rest-name")).items()).containsExactly(secret.id());
    }

    @Test
    void lifecycleUpdatesKeepEveryDateAndTheRevocation() {
        Secret secret = secretIn(StoreContract.newProject()).build();
        describe(secret, Lifecycle.activeSince(T0), ATTRIBUTES);
        Lifecycle compromised = new Lifecycle(LifecycleState.COMPROMISED, T0, T0.plusSeconds(1), null,
                T0.minusSeconds(60), T0.plusSeconds(2), new Revocation(RevocationReason.KEY_COMPROMISE, "leaked"));
        store().write(tx -> {
            tx.objects().updateLifecycle(secret.id(), compromised, T0.plusSeconds(3));
            return null;
        });
        ManagedObject found = store().read(tx -> tx.objects().find(secret.id())).orElseThrow();
        assertThat(found.lifecycle()).isEqualTo(compromised);
        assertThat(found.secret().updated()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void replacingAttributesRenamesTheSecretAndDeletingThePayloadKeepsTheRow() {
        Secret secret = secretIn(StoreContract.newProject()).name("first").build();
        describe(secret, Lifecycle.preActive(), ATTRIBUTES);
        ObjectAttributes renamed = ObjectAttributes.of(UsageMask.of(KeyUsage.SIGN), List.of("renamed"));
        store().write(tx -> {
            tx.objects().replaceAttributes(secret.id(), renamed, T0.plusSeconds(5));
            tx.objects().deletePayload(secret.id());
            return null;
        });
        ManagedObject found = store().read(tx -> tx.objects().find(secret.id())).orElseThrow();
        assertThat(found.attributes()).isEqualTo(renamed);
        assertThat(found.secret().name()).isEqualTo("renamed");
        Optional<?> payload = store().read(tx -> tx.secrets().payload(secret.id()));
        assertThat(payload).isEmpty();
        assertThat(locate(secret.project(), named("second")).items()).isEmpty();
        assertThat(locate(secret.project(), named("renamed")).items()).containsExactly(secret.id());
    }

    @Test
    void deletingASecretDeletesItsAttributes() {
        Secret secret = secretIn(StoreContract.newProject()).name("gone").build();
        describe(secret, Lifecycle.preActive(), ATTRIBUTES);
        store().write(tx -> tx.secrets().delete(secret.id(), SecretBuilder.T0));
        Optional<ManagedObject> gone = store().read(tx -> tx.objects().find(secret.id()));
        assertThat(gone).isEmpty();
        assertThat(locate(secret.project(), named("second")).items()).isEmpty();
    }

    /** The key read's statements stay prepared on each connection: a reused statement must still read fresh rows. */
    @Test
    void concurrentReadsOnEveryPooledConnectionSeeEachCommittedChange() throws Exception {
        Secret secret = secretIn(StoreContract.newProject()).name("round-0").build();
        describe(secret, Lifecycle.preActive(), ATTRIBUTES);
        for (int round = 1; round <= 3; round++) {
            ObjectAttributes renamed = ObjectAttributes.of(UsageMask.of(KeyUsage.SIGN), List.of("round-" + round));
            store().write(tx -> {
                tx.objects().replaceAttributes(secret.id(), renamed, T0.plusSeconds(5));
                return null;
            });
            // More readers than pooled connections, so that every connection reads this round.
            try (var readers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                List<java.util.concurrent.Future<ManagedObject>> reads = java.util.stream.IntStream.range(0, 24)
                        .mapToObj(i -> readers.submit(() -> store().read(tx -> tx.objects().find(secret.id()))
                                .orElseThrow()))
                        .toList();
                for (java.util.concurrent.Future<ManagedObject> read : reads) {
                    assertThat(read.get().attributes()).isEqualTo(renamed);
                }
            }
        }
    }

    static LocateQuery matching(NamePattern pattern, LocateQuery.Storage storage) {
        return new LocateQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(pattern), storage, 100, 0);
    }

    @Test
    void locateMatchesWildcardNamesCaseSensitivelyAndSeparatesDestroyedObjects() {
        ProjectId project = StoreContract.newProject();
        Secret one = secretIn(project).created(T0.minusSeconds(50)).build();
        Secret two = secretIn(project).created(T0.minusSeconds(40)).build();
        Secret upper = secretIn(project).created(T0.minusSeconds(30)).build();
        Secret star = secretIn(project).created(T0.minusSeconds(20)).build();
        Secret destroyed = secretIn(project).created(T0.minusSeconds(10)).build();
        describe(one, Lifecycle.activeSince(T0), ObjectAttributes.of(UsageMask.UNRESTRICTED, List.of("alpha-1")));
        describe(two, Lifecycle.preActive(), ObjectAttributes.of(UsageMask.UNRESTRICTED, List.of("x", "alpha-2")));
        describe(upper, Lifecycle.preActive(), ObjectAttributes.of(UsageMask.UNRESTRICTED, List.of("Alpha-3")));
        describe(star, Lifecycle.preActive(), ObjectAttributes.of(UsageMask.UNRESTRICTED, List.of("b%t_a*x")));
        describe(destroyed, new Lifecycle(LifecycleState.DESTROYED, T0, T0, T0, null, null, null),
                ObjectAttributes.of(UsageMask.UNRESTRICTED, List.of("alpha-4")));

        assertThat(locate(project, matching(NamePattern.wildcard("alpha-*"), LocateQuery.Storage.ONLINE)).items())
                .containsExactly(two.id(), one.id());
        assertThat(locate(project, matching(NamePattern.wildcard("alpha-?"), LocateQuery.Storage.ANY)).items())
                .containsExactly(destroyed.id(), two.id(), one.id());
        // A leading wild-card walks the project's names.
        assertThat(locate(project, matching(NamePattern.wildcard("*a-?"), LocateQuery.Storage.ONLINE)).items())
                .containsExactly(upper.id(), two.id(), one.id());
        assertThat(locate(project, matching(NamePattern.wildcard("a*-?"), LocateQuery.Storage.DESTROYED)).items())
                .containsExactly(destroyed.id());
        assertThat(locate(project, matching(NamePattern.wildcard("A*3"), LocateQuery.Storage.ONLINE)).items())
                .containsExactly(upper.id());
        // SQL's own wild-cards and an escaped star are literal characters.
        assertThat(locate(project, matching(NamePattern.wildcard("b%t_a\\*x"), LocateQuery.Storage.ONLINE))
                .items()).containsExactly(star.id());
        assertThat(locate(project, matching(NamePattern.wildcard("b_t%"), LocateQuery.Storage.ONLINE)).items())
                .isEmpty();
        assertThat(locate(project, matching(NamePattern.exact("alpha-*"), LocateQuery.Storage.ANY)).items())
                .isEmpty();
        assertThat(locate(project, new LocateQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), LocateQuery.Storage.DESTROYED, 100, 0)).items())
                .containsExactly(destroyed.id());
        assertThat(locate(project, new LocateQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), LocateQuery.Storage.ONLINE, 100, 0)).total()).isEqualTo(4);
    }

    @Test
    void locateFiltersByEveryCriterionPagesAndStaysInItsProject() {
        ProjectId project = StoreContract.newProject();
        Secret aes128 = secretIn(project).algorithm("aes").bitLength(128).created(T0.minusSeconds(30)).build();
        Secret aes256 = secretIn(project).algorithm("aes").bitLength(256).created(T0.minusSeconds(20)).build();
        Secret rsa = secretIn(project).type(SecretType.PRIVATE).algorithm("rsa").bitLength(2048)
                .created(T0.minusSeconds(10)).build();
        Secret expired = secretIn(project).algorithm("aes").bitLength(128).created(T0.minusSeconds(40))
                .expiration(T0.minus(Duration.ofSeconds(1))).build();
        describe(aes128, Lifecycle.activeSince(T0), ObjectAttributes.of(UsageMask.UNRESTRICTED, List.of("k")));
        describe(aes256, Lifecycle.preActive(), ObjectAttributes.of(UsageMask.UNRESTRICTED, List.of("x", "k")));
        describe(rsa, Lifecycle.activeSince(T0), ObjectAttributes.of(UsageMask.UNRESTRICTED, List.of()));
        describe(expired, Lifecycle.activeSince(T0), ObjectAttributes.of(UsageMask.UNRESTRICTED, List.of("k")));
        describe(secretIn(StoreContract.newProject()).build(), Lifecycle.preActive(),
                ObjectAttributes.of(UsageMask.UNRESTRICTED, List.of("k")));

        assertThat(locate(project, all()).items()).as("most recently created first")
                .containsExactly(rsa.id(), aes256.id(), aes128.id());
        assertThat(locate(project, named("k")).items()).containsExactly(aes256.id(), aes128.id());
        assertThat(locate(project, new LocateQuery(Optional.of(SecretType.PRIVATE), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 10, 0)).items()).containsExactly(rsa.id());
        assertThat(locate(project, new LocateQuery(Optional.empty(), Optional.of(LifecycleState.PRE_ACTIVE),
                Optional.empty(), Optional.empty(), Optional.empty(), 10, 0)).items()).containsExactly(aes256.id());
        assertThat(locate(project, new LocateQuery(Optional.empty(), Optional.empty(), Optional.of("aes"),
                Optional.of(256), Optional.empty(), 10, 0)).items()).containsExactly(aes256.id());
        Page<SecretId> page = locate(project, new LocateQuery(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 1, 1));
        assertThat(page.items()).containsExactly(aes256.id());
        assertThat(page.total()).isEqualTo(3);
        assertThat(locate(project, new LocateQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 0)).total()).isEqualTo(3);
    }

    @Test
    void locateByStateFindsTheStateTheDatesImplyNotTheOneLastStored() {
        ProjectId project = StoreContract.newProject();
        Secret scheduled = secretIn(project).build();
        Secret lapsed = secretIn(project).build();
        Secret later = secretIn(project).build();
        Secret whollyPast = secretIn(project).build();
        Secret deactivated = secretIn(project).build();
        describe(scheduled, new Lifecycle(LifecycleState.PRE_ACTIVE, T0.minusSeconds(5), null, null, null, null, null),
                ATTRIBUTES.withNames(List.of()));
        describe(lapsed, new Lifecycle(LifecycleState.ACTIVE, T0.minusSeconds(60), T0.minusSeconds(1), null, null,
                null, null), ATTRIBUTES.withNames(List.of()));
        describe(later, new Lifecycle(LifecycleState.PRE_ACTIVE, T0.plusSeconds(60), null, null, null, null, null),
                ATTRIBUTES.withNames(List.of()));
        describe(whollyPast, new Lifecycle(LifecycleState.PRE_ACTIVE, T0.minusSeconds(60), T0.minusSeconds(30), null,
                null, null, null), ATTRIBUTES.withNames(List.of()));
        describe(deactivated, new Lifecycle(LifecycleState.DEACTIVATED, T0.minusSeconds(60), T0.minusSeconds(30),
                null, null, null, null), ATTRIBUTES.withNames(List.of()));

        assertThat(locate(project, where(new LocateCriterion.InState(LifecycleState.PRE_ACTIVE))).items())
                .containsExactly(later.id());
        assertThat(locate(project, where(new LocateCriterion.InState(LifecycleState.ACTIVE))).items())
                .containsExactly(scheduled.id());
        assertThat(locate(project, where(new LocateCriterion.InState(LifecycleState.DEACTIVATED))).items())
                .containsExactlyInAnyOrder(lapsed.id(), whollyPast.id(), deactivated.id());
    }

    static LocateQuery where(LocateCriterion... criteria) {
        return new LocateQuery(List.of(criteria), LocateQuery.Storage.ANY, 100, 0);
    }

    @Test
    void locateFindsTextAttributesLinksUsageBitsDatesAndRevocationsOfItsProjectOnly() {
        ProjectId project = StoreContract.newProject();
        Secret first = secretIn(project).created(T0.minusSeconds(30)).build();
        Secret second = secretIn(project).created(T0.minusSeconds(20)).build();
        Secret third = secretIn(project).created(T0.minusSeconds(10)).build();
        String target = "0f0e0d0c-0000-0000-0000-00000000000a";
        describe(first, Lifecycle.activeSince(T0.minusSeconds(300)), new ObjectAttributes(
                UsageMask.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT), List.of(),
                List.of(new ObjectLink(LinkKind.PUBLIC_KEY, target)),
                Map.of("Object Group", List.of("g1", "g2"), "x-date", List.of("ttlv:0a"))));
        describe(second, Lifecycle.activeSince(T0.minusSeconds(200)), new ObjectAttributes(
                UsageMask.of(KeyUsage.ENCRYPT), List.of(), List.of(new ObjectLink(LinkKind.PRIVATE_KEY, target)),
                Map.of("Object Group", List.of("g1"), "x-date", List.of("ttlv:0c"))));
        describe(third, new Lifecycle(LifecycleState.COMPROMISED, T0.minusSeconds(100), null, null, T0, T0,
                new Revocation(RevocationReason.KEY_COMPROMISE, "leaked")), new ObjectAttributes(
                UsageMask.of(KeyUsage.SIGN), List.of(), List.of(), Map.of("x-date", List.of("ttlv:0e"),
                "x-long", List.of("v".repeat(600)))));
        Secret elsewhere = secretIn(StoreContract.newProject()).build();
        describe(elsewhere, Lifecycle.activeSince(T0), new ObjectAttributes(UsageMask.of(KeyUsage.ENCRYPT),
                List.of(), List.of(new ObjectLink(LinkKind.PUBLIC_KEY, target)),
                Map.of("Object Group", List.of("g1"))));

        assertThat(locate(project, where(text("Object Group", "g1"))).items())
                .containsExactly(second.id(), first.id());
        assertThat(locate(project, where(text("Object Group", "g1"), text("Object Group", "g2"))).items())
                .as("every instance must match").containsExactly(first.id());
        assertThat(locate(project, where(new LocateCriterion.Text("x-date", List.of(
                new LocateCriterion.TextRange("ttlv:0b", "ttlv:0e"))))).items())
                .as("a range, both ends included").containsExactly(third.id(), second.id());
        assertThat(locate(project, where(text("x-long", "v".repeat(600)))).items())
                .as("a value longer than the indexed prefix").containsExactly(third.id());
        assertThat(locate(project, where(text("x-long", "v".repeat(599)))).items()).isEmpty();
        assertThat(locate(project, where(new LocateCriterion.Linked(Optional.empty(), target))).items())
                .containsExactly(second.id(), first.id());
        assertThat(locate(project, where(new LocateCriterion.Linked(Optional.of(LinkKind.PUBLIC_KEY), target)))
                .items()).containsExactly(first.id());
        assertThat(locate(project, where(new LocateCriterion.UsageIncludes(UsageMask.of(KeyUsage.ENCRYPT))))
                .items()).containsExactly(second.id(), first.id());
        assertThat(locate(project, where(new LocateCriterion.UsageIncludes(UsageMask.of(KeyUsage.ENCRYPT,
                KeyUsage.DECRYPT)))).items()).containsExactly(first.id());
        assertThat(locate(project, where(new LocateCriterion.Dated(LocateCriterion.DateField.ACTIVATION,
                T0.minusSeconds(250), T0.minusSeconds(100)))).items()).containsExactly(third.id(), second.id());
        assertThat(locate(project, where(new LocateCriterion.Dated(LocateCriterion.DateField.INITIAL,
                T0.minusSeconds(30), T0.minusSeconds(30)))).items()).containsExactly(first.id());
        assertThat(locate(project, where(new LocateCriterion.Revoked(RevocationReason.KEY_COMPROMISE,
                Optional.of("leaked")))).items()).containsExactly(third.id());
        assertThat(locate(project, where(new LocateCriterion.Revoked(RevocationReason.KEY_COMPROMISE,
                Optional.of("other")))).items()).isEmpty();
        assertThat(locate(project, where(new LocateCriterion.Identifier(second.id()),
                text("Object Group", "g1"))).items()).containsExactly(second.id());
        assertThat(locate(project, where(new LocateCriterion.Identifier(elsewhere.id()))).items()).isEmpty();
        Page<SecretId> page = locate(project, new LocateQuery(List.of(text("Object Group", "g1")),
                LocateQuery.Storage.ANY, 1, 1));
        assertThat(page.items()).containsExactly(first.id());
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void textAttributesAreFoundAfterTheyChangeAndNotAfter() {
        ProjectId project = StoreContract.newProject();
        Secret secret = secretIn(project).build();
        describe(secret, Lifecycle.preActive(), ATTRIBUTES);
        store().write(tx -> {
            tx.objects().replaceAttributes(secret.id(), ATTRIBUTES.withText("Object Group", List.of("g3"))
                    .withUsageMask(UsageMask.of(KeyUsage.SIGN)), T0);
            return null;
        });
        assertThat(locate(project, where(text("Object Group", "g3"))).items()).containsExactly(secret.id());
        assertThat(locate(project, where(text("Object Group", "g1"))).items()).isEmpty();
        assertThat(locate(project, where(new LocateCriterion.UsageIncludes(UsageMask.of(KeyUsage.ENCRYPT))))
                .items()).isEmpty();
        assertThat(locate(project, where(new LocateCriterion.UsageIncludes(UsageMask.of(KeyUsage.SIGN))))
                .items()).containsExactly(secret.id());
    }

    private static LocateCriterion text(String name, String value) {
        return new LocateCriterion.Text(name, List.of(LocateCriterion.TextRange.exactly(value)));
    }
}
