package dev.donjon.server.store;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.ApiToken;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretQuery;
import dev.donjon.server.domain.barbican.SecretQuery.Comparison;
import dev.donjon.server.domain.barbican.SecretQuery.Sort;
import dev.donjon.server.domain.barbican.SecretQuery.SortField;
import dev.donjon.server.domain.barbican.SecretQuery.TimeFilter;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.port.StoreTx;
import dev.donjon.server.domain.keys.WrappedKek;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import dev.donjon.server.domain.port.SecretForRead;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import static dev.donjon.server.store.SecretBuilder.T0;
import static dev.donjon.server.store.SecretBuilder.secretIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every engine must do to be a {@link dev.donjon.server.domain.port.Store}. Subclasses supply a fresh, empty database;
 * the tests share it and keep out of each other's way by working in projects of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
    StoreConfig config;
    JdbcStore store;

    /** A configuration for an empty database that lives as long as the test class. */
    abstract StoreConfig freshDatabase();

    @BeforeAll
    void openStore() {
        config = freshDatabase();
        store = JdbcStore.open(config);
    }

    @AfterAll
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static ProjectId newProject() {
        return new ProjectId("project-" + UUID.randomUUID());
    }

    static SealedPayload sealed(int kekVersion) {
        byte[] ciphertext = new byte[48];
        ThreadLocalRandom.current().nextBytes(ciphertext);
        return new SealedPayload(kekVersion, ciphertext);
    }

    Secret insert(Secret secret) {
        SealedPayload payload = secret.hasPayload() ? sealed(1) : null;
        return store.write(tx -> {
            tx.secrets().insert(secret, payload);
            return secret;
        });
    }

    Secret insert(SecretBuilder builder) {
        return insert(builder.build());
    }

    /** Runs a write whose work says whether it changed anything. */
    boolean changed(Function<StoreTx, Boolean> work) {
        return store.write(work);
    }

    Optional<Secret> secretFound(SecretId id) {
        return store.read(tx -> tx.secrets().find(id));
    }

    Optional<SealedPayload> payloadOf(SecretId id) {
        return store.read(tx -> tx.secrets().payload(id));
    }

    Map<String, String> metadataOf(SecretId id) {
        return store.read(tx -> tx.secrets().userMetadata(id));
    }

    Optional<WrappedKek> currentKek(ProjectId project) {
        return store.read(tx -> tx.projectKeys().current(project));
    }

    /** Secrets as KMIP managed objects (V2__kmip.sql). */
    @Nested
    class ManagedObjects extends ManagedObjectContract {
        @Override
        JdbcStore store() {
            return store;
        }
    }

    /** One transaction over many writes (KMIP Undo batches) and the claims on managed-object names. */
    @Nested
    class Atomically extends AtomicStoreContract {
        @Override
        JdbcStore store() {
            return store;
        }
    }

    Optional<WrappedKek> kekFound(ProjectId project, int version) {
        return store.read(tx -> tx.projectKeys().find(project, version));
    }

    Optional<ApiToken> tokenFound(String tokenId) {
        return store.read(tx -> tx.tokens().find(tokenId));
    }

    List<AuditEvent> auditTail(int count) {
        return store.read(tx -> tx.audit().tail(count));
    }

    @Nested
    class Secrets {
        @Test
        void anInsertedSecretIsFoundWithEveryAttributeAndItsPayload() {
            Secret secret = secretIn(newProject()).name("db password").type(SecretType.PASSPHRASE).algorithm(null)
                    .bitLength(null).mode(null).creatorId(null).updated(T0.plusSeconds(5))
                    .expiration(T0.plus(Duration.ofDays(30))).build();
            SealedPayload payload = sealed(3);

            store.write(tx -> {
                tx.secrets().insert(secret, payload);
                return null;
            });

            assertThat(secretFound(secret.id())).contains(secret);
            assertThat(payloadOf(secret.id())).contains(payload);
        }

        @Test
        void aReadFindsTheSecretItsAclAndWhenAskedItsPayloadAndProtectionTogether() {
            Secret shared = secretIn(newProject()).build();
            Secret plain = secretIn(newProject()).build();
            SealedPayload payload = sealed(4);
            SealedPayload plainPayload = sealed(5);
            store.write(tx -> {
                tx.secrets().insert(shared, payload);
                tx.secrets().insert(plain, plainPayload);
                tx.acls().putForSecret(shared.id(), false, List.of("zoe", "adam", "mia"), T0);
                return null;
            });

            var withPayload = store.read(tx -> tx.secrets().findForRead(shared.id(), true)).orElseThrow();
            assertThat(withPayload.secret()).isEqualTo(shared);
            assertThat(withPayload.payload()).contains(payload);
            assertThat(withPayload.protection()).isEqualTo(store.read(tx -> tx.objects().protection(shared.id())));
            assertThat(withPayload.acl()).isEqualTo(store.read(tx -> tx.acls().ofSecret(shared.id())));
            assertThat(withPayload.acl().orElseThrow().users()).containsExactly("adam", "mia", "zoe");
            assertThat(withPayload.acl().orElseThrow().projectAccess()).isFalse();

            var metadataOnly = store.read(tx -> tx.secrets().findForRead(shared.id(), false)).orElseThrow();
            assertThat(metadataOnly.secret()).isEqualTo(shared);
            assertThat(metadataOnly.payload()).isEmpty();
            assertThat(metadataOnly.acl()).isEqualTo(withPayload.acl());

            var noAcl = store.read(tx -> tx.secrets().findForRead(plain.id(), true)).orElseThrow();
            assertThat(noAcl.acl()).isEmpty();
            assertThat(noAcl.payload()).contains(plainPayload);
            Optional<SecretForRead> unknown = store.read(tx -> tx.secrets().findForRead(SecretId.random(), true));
            assertThat(unknown).isEmpty();
        }

        @Test
        void aOneStatementReadFindsTheSecretWithTheTextAttributesAskedFor() {
            Secret shared = secretIn(newProject()).build();
            SealedPayload payload = sealed(6);
            List<String> asked = List.of("x-asked-a", "x-asked-b", "x-never-set");
            store.write(tx -> {
                tx.secrets().insert(shared, payload);
                tx.acls().putForSecret(shared.id(), true, List.of("zoe", "adam"), T0);
                tx.objects().replaceAttributes(shared.id(), dev.donjon.server.domain.object.EdgeAllowance.attributes(
                        Map.of("x-asked-b", List.of("b1", "b2", "b3"), "x-asked-a", List.of("a1"),
                                "x-not-asked", List.of("n1"))), T0);
                return null;
            });

            var read = store.readOneStatement(tx -> tx.secrets().findForRead(shared.id(), true, asked)).orElseThrow();
            var separately = store.read(tx -> tx.secrets().findForRead(shared.id(), true)).orElseThrow();

            assertThat(read.secret()).isEqualTo(separately.secret());
            assertThat(read.payload()).contains(payload);
            assertThat(read.protection()).isEqualTo(separately.protection());
            assertThat(read.acl()).isEqualTo(separately.acl());
            assertThat(read.acl().orElseThrow().users()).containsExactly("adam", "zoe");
            assertThat(read.textAttributes()).containsExactlyEntriesOf(
                    store.read(tx -> tx.objects().textAttributes(shared.id(), asked)));
            assertThat(read.textAttributes()).containsOnlyKeys("x-asked-a", "x-asked-b");
            assertThat(read.textAttributes().get("x-asked-b")).containsExactly("b1", "b2", "b3");
            var metadataOnly = store.readOneStatement(tx -> tx.secrets().findForRead(shared.id(), false, asked))
                    .orElseThrow();
            assertThat(metadataOnly.payload()).isEmpty();
            assertThat(metadataOnly.textAttributes()).isEqualTo(read.textAttributes());
            Optional<SecretForRead> unknown = store.readOneStatement(
                    tx -> tx.secrets().findForRead(SecretId.random(), true, asked));
            assertThat(unknown).isEmpty();
        }

        @Test
        void aSecretKeepsTheStoreThatHoldsItsKeyMaterial() {
            Secret secret = secretIn(newProject()).secretStore("pkcs11").build();

            store.write(tx -> {
                tx.secrets().insert(secret, sealed(1));
                return null;
            });

            assertThat(secretFound(secret.id())).map(Secret::secretStore).contains("pkcs11");
        }

        /** V4__secret_store.sql: rows written before the column existed are in the software keystore. */
        @Test
        void aSecretRowWithoutAStoreIsInTheSoftwareKeystore() throws java.sql.SQLException {
            SecretId id = SecretId.random();
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(config.jdbcUrl(),
                    config.username(), config.password());
                 java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO secrets (id, project, "
                         + "type, created, updated) VALUES (?, ?, 'opaque', 0, 0)")) {
                insert.setString(1, id.toString());
                insert.setString(2, newProject().value());
                insert.executeUpdate();
            }

            assertThat(secretFound(id)).map(Secret::secretStore).contains("software");
        }

        @Test
        void instantsComeBackTruncatedToTheMicrosecond() {
            Instant withNanos = Instant.parse("2031-05-06T07:08:09.123456789Z");
            Secret secret = insert(secretIn(newProject()).created(withNanos).expiration(withNanos.plusNanos(999)));

            Secret found = secretFound(secret.id()).orElseThrow();

            Instant micros = Instant.parse("2031-05-06T07:08:09.123456Z");
            assertThat(found.created()).isEqualTo(micros);
            assertThat(found.updated()).isEqualTo(micros);
            assertThat(found.expiration()).isEqualTo(Instant.parse("2031-05-06T07:08:09.123457Z"));
        }

        @Test
        void instantsBeforeTheEpochRoundTrip() {
            Instant early = Instant.parse("1969-12-31T23:59:59.999999Z");
            Secret secret = insert(secretIn(newProject()).created(early));

            assertThat(secretFound(secret.id()).orElseThrow().created()).isEqualTo(early);
        }

        @Test
        void anUnknownIdIsNotFound() {
            SecretId unknown = SecretId.random();

            assertThat(secretFound(unknown)).isEmpty();
            assertThat(payloadOf(unknown)).isEmpty();
        }

        @Test
        void aPayloadIsAttachedOnceToASecretCreatedWithoutOne() {
            Secret secret = insert(secretIn(newProject()).withoutPayload());
            SealedPayload first = sealed(1);
            Instant attachedAt = T0.plusSeconds(60);

            boolean attached = store.write(tx -> tx.secrets().attachPayload(secret.id(),
                    PayloadContentType.TEXT_PLAIN, first, attachedAt));
            boolean attachedAgain = store.write(tx -> tx.secrets().attachPayload(secret.id(),
                    PayloadContentType.OCTET_STREAM, sealed(2), attachedAt.plusSeconds(1)));

            assertThat(attached).isTrue();
            assertThat(attachedAgain).isFalse();
            assertThat(payloadOf(secret.id())).contains(first);
            assertThat(secretFound(secret.id())).contains(
                    secret.withPayload(PayloadContentType.TEXT_PLAIN, attachedAt));
        }

        @Test
        void aSecretCreatedWithoutPayloadHasNone() {
            Secret secret = insert(secretIn(newProject()).withoutPayload());

            assertThat(payloadOf(secret.id())).isEmpty();
            assertThat(secretFound(secret.id()).orElseThrow().hasPayload()).isFalse();
        }

        @Test
        void aPayloadCannotBeAttachedToAMissingSecret() {
            assertThat(changed(tx -> tx.secrets().attachPayload(SecretId.random(), PayloadContentType.TEXT_PLAIN,
                    sealed(1), T0))).isFalse();
        }

        @Test
        void aPayloadWithoutContentTypeIsRefused() {
            Secret noContentType = secretIn(newProject()).withoutPayload().build();

            assertThatThrownBy(() -> store.write(tx -> {
                tx.secrets().insert(noContentType, sealed(1));
                return null;
            })).isInstanceOf(IllegalArgumentException.class);
            assertThat(secretFound(noContentType.id())).isEmpty();
        }

        @Test
        void deletingASecretTakesItsPayloadAndMetadataWithIt() {
            Secret secret = insert(secretIn(newProject()));
            store.write(tx -> {
                tx.secrets().replaceUserMetadata(secret.id(), Map.of("owner", "ops"));
                return null;
            });

            assertThat(changed(tx -> tx.secrets().delete(secret.id(), SecretBuilder.T0))).isTrue();

            assertThat(secretFound(secret.id())).isEmpty();
            assertThat(payloadOf(secret.id())).isEmpty();
            assertThat(metadataOf(secret.id())).isEmpty();
        }

        @Test
        void aSecretRecreatedUnderADeletedIdInheritsNothing() {
            Secret secret = insert(secretIn(newProject()));
            store.write(tx -> {
                tx.secrets().replaceUserMetadata(secret.id(), Map.of("owner", "ops"));
                return tx.secrets().delete(secret.id(), SecretBuilder.T0);
            });

            insert(secretIn(secret.project()).id(secret.id()).withoutPayload());

            assertThat(payloadOf(secret.id())).isEmpty();
            assertThat(metadataOf(secret.id())).isEmpty();
        }

        @Test
        void deletingAMissingSecretReportsIt() {
            assertThat(changed(tx -> tx.secrets().delete(SecretId.random(), SecretBuilder.T0))).isFalse();
        }
    }

    @Nested
    class Listing {
        final ProjectId project = newProject();

        Page<Secret> list(SecretQuery query, Instant now) {
            return store.read(tx -> tx.secrets().list(project, query, now));
        }

        Page<Secret> list(SecretQuery query) {
            return list(query, T0);
        }

        @Test
        void theDefaultOrderIsCreationOrderThenId() {
            SecretId low = new SecretId(UUID.fromString("00000000-0000-0000-0000-000000000001"));
            SecretId high = new SecretId(UUID.fromString("ffffffff-0000-0000-0000-000000000001"));
            insert(secretIn(project).name("third").created(T0.plusSeconds(2)));
            insert(secretIn(project).name("tie, higher id").id(high).created(T0.plusSeconds(1)));
            insert(secretIn(project).name("first").created(T0));
            insert(secretIn(project).name("tie, lower id").id(low).created(T0.plusSeconds(1)));

            assertThat(names(list(SecretQuery.all(0, 10))))
                    .containsExactly("first", "tie, lower id", "tie, higher id", "third");
        }

        @Test
        void pagesAreWindowsOfTheOrderWithTheTotalOfAllMatches() {
            for (int i = 0; i < 5; i++) {
                insert(secretIn(project).name("s" + i).created(T0.plusSeconds(i)));
            }

            Page<Secret> middle = list(SecretQuery.all(1, 2));
            Page<Secret> last = list(SecretQuery.all(4, 2));
            Page<Secret> beyond = list(SecretQuery.all(7, 2));

            assertThat(names(middle)).containsExactly("s1", "s2");
            assertThat(names(last)).containsExactly("s4");
            assertThat(names(beyond)).isEmpty();
            assertThat(List.of(middle.total(), last.total(), beyond.total())).containsOnly(5L);
        }

        @Test
        void otherProjectsSecretsNeverAppear() {
            insert(secretIn(project).name("mine"));
            insert(secretIn(newProject()).name("theirs"));

            Page<Secret> page = list(SecretQuery.all(0, 10));

            assertThat(names(page)).containsExactly("mine");
            assertThat(page.total()).isEqualTo(1);
        }

        @Test
        void expiredSecretsAreLeftOutEvenWhenTheQueryFiltersOnExpiration() {
            Instant now = T0.plusSeconds(100);
            insert(secretIn(project).name("never expires"));
            insert(secretIn(project).name("expires later").expiration(now.plusNanos(1_000)));
            insert(secretIn(project).name("expires now").expiration(now));
            insert(secretIn(project).name("expired").expiration(now.minusSeconds(1)));

            Page<Secret> current = list(SecretQuery.all(0, 10), now);
            Page<Secret> upToNow = list(query().expiration(Comparison.LTE, now).build(), now);
            Page<Secret> upToLater = list(query().expiration(Comparison.LTE, now.plusSeconds(1)).build(), now);

            assertThat(names(current)).containsExactlyInAnyOrder("never expires", "expires later");
            assertThat(current.total()).isEqualTo(2);
            // As Barbican 15.0.1's get_secret_list: expired secrets are filtered out before any date filter.
            assertThat(names(upToNow)).isEmpty();
            assertThat(names(upToLater)).containsExactly("expires later");
        }

        @Test
        void theNameFilterIsAnExactMatchNotAPattern() {
            insert(secretIn(project).name("batch-1"));
            insert(secretIn(project).name("batch-%"));
            insert(secretIn(project).name("BATCH-1"));

            assertThat(names(list(query().name("batch-1").build()))).containsExactly("batch-1");
            assertThat(names(list(query().name("batch-%").build()))).containsExactly("batch-%");
            assertThat(names(list(query().name("batch-_").build()))).isEmpty();
        }

        @Test
        void aFilterValueIsDataEvenWhenItLooksLikeSql() {
            insert(secretIn(project).name("harmless"));

            assertThat(list(query().name("x' OR '1'='1").build()).total()).isZero();
            assertThat(list(query().algorithm("aes' --").build()).total()).isZero();
        }

        @Test
        void equalityFiltersNarrowTheListingAndCombine() {
            insert(secretIn(project).name("aes-256-cbc").algorithm("aes").bitLength(256).mode("cbc"));
            insert(secretIn(project).name("aes-128-gcm").algorithm("aes").bitLength(128).mode("gcm"));
            insert(secretIn(project).name("rsa-2048").algorithm("rsa").bitLength(2048).mode(null)
                    .type(SecretType.PRIVATE));
            insert(secretIn(project).name("passphrase").algorithm(null).bitLength(null).mode(null)
                    .type(SecretType.PASSPHRASE));

            assertThat(names(list(query().algorithm("aes").build())))
                    .containsExactlyInAnyOrder("aes-256-cbc", "aes-128-gcm");
            assertThat(names(list(query().mode("gcm").build()))).containsExactly("aes-128-gcm");
            assertThat(names(list(query().bitLength(2048).build()))).containsExactly("rsa-2048");
            assertThat(names(list(query().type(SecretType.PASSPHRASE).build()))).containsExactly("passphrase");
            assertThat(names(list(query().algorithm("aes").bitLength(256).build()))).containsExactly("aes-256-cbc");
            assertThat(list(query().algorithm("aes").mode("ctr").build()).total()).isZero();
        }

        @ParameterizedTest(name = "created {0} the second secret''s instant → {1}")
        @CsvSource({
                "GT,  third",
                "GTE, second third",
                "LT,  first",
                "LTE, first second",
                "EQ,  second"})
        void creationTimeFiltersCompareWithTheGivenInstant(Comparison comparison, String expected) {
            insert(secretIn(project).name("first").created(T0));
            insert(secretIn(project).name("second").created(T0.plusSeconds(1)));
            insert(secretIn(project).name("third").created(T0.plusSeconds(2)));

            Page<Secret> page = list(query().created(comparison, T0.plusSeconds(1)).build());

            assertThat(names(page)).containsExactly(expected.split(" "));
        }

        @Test
        void severalTimeFiltersOnOneFieldMustAllHold() {
            for (int i = 0; i < 5; i++) {
                insert(secretIn(project).name("u" + i).created(T0).updated(T0.plusSeconds(i)));
            }

            SecretQuery range = query().updated(Comparison.GTE, T0.plusSeconds(1))
                    .updated(Comparison.LT, T0.plusSeconds(3)).build();

            assertThat(names(list(range))).containsExactlyInAnyOrder("u1", "u2");
        }

        @Test
        void expirationFiltersSkipSecretsThatNeverExpire() {
            Instant now = T0;
            insert(secretIn(project).name("never"));
            insert(secretIn(project).name("soon").expiration(now.plusSeconds(10)));
            insert(secretIn(project).name("late").expiration(now.plusSeconds(1000)));

            Page<Secret> page = list(query().expiration(Comparison.GT, now.plusSeconds(100)).build(), now);

            assertThat(names(page)).containsExactly("late");
        }

        @Test
        void aFilterInstantBetweenTwoMicrosecondsComparesExactly() {
            Instant stored = T0.plusSeconds(1);
            insert(secretIn(project).name("stored").created(stored));
            Instant justAfter = stored.plusNanos(1);

            assertThat(list(query().created(Comparison.EQ, justAfter).build()).total()).isZero();
            assertThat(list(query().created(Comparison.GTE, justAfter).build()).total()).isZero();
            assertThat(list(query().created(Comparison.GT, justAfter).build()).total()).isZero();
            assertThat(list(query().created(Comparison.LT, justAfter).build()).total()).isOne();
            assertThat(list(query().created(Comparison.LTE, justAfter).build()).total()).isOne();
        }

        @Test
        void sortingByNameGoesEitherWayWithUnnamedSecretsLargest() {
            insert(secretIn(project).name("bravo").created(T0));
            insert(secretIn(project).name(null).created(T0.plusSeconds(1)));
            insert(secretIn(project).name("alpha").created(T0.plusSeconds(2)));

            assertThat(names(list(query().sort(SortField.NAME, false).build())))
                    .containsExactly("alpha", "bravo", null);
            assertThat(names(list(query().sort(SortField.NAME, true).build())))
                    .containsExactly(null, "bravo", "alpha");
        }

        @Test
        void bitLengthsSortAsNumbers() {
            insert(secretIn(project).name("1024").bitLength(1024));
            insert(secretIn(project).name("128").bitLength(128));
            insert(secretIn(project).name("256").bitLength(256));

            assertThat(names(list(query().sort(SortField.BIT_LENGTH, false).build())))
                    .containsExactly("128", "256", "1024");
        }

        @ParameterizedTest(name = "sort by {0}")
        @CsvSource({
                "ALGORITHM,   algorithm",
                "BIT_LENGTH,  bit length",
                "CREATED,     created",
                "EXPIRATION,  expiration",
                "MODE,        mode",
                "NAME,        name",
                "SECRET_TYPE, type",
                "UPDATED,     updated"})
        void everySortKeyOrdersAscendingAndDescending(SortField field, String description) {
            Secret small = insert(secretIn(project).name("a").algorithm("aes").bitLength(128).mode("cbc")
                    .type(SecretType.OPAQUE).created(T0.plusSeconds(1)).updated(T0.plusSeconds(1))
                    .expiration(T0.plusSeconds(1000)));
            Secret large = insert(secretIn(project).name("b").algorithm("rsa").bitLength(2048).mode("gcm")
                    .type(SecretType.SYMMETRIC).created(T0.plusSeconds(2)).updated(T0.plusSeconds(2))
                    .expiration(T0.plusSeconds(2000)));

            assertThat(ids(list(query().sort(field, false).build()))).as(description)
                    .containsExactly(small.id(), large.id());
            assertThat(ids(list(query().sort(field, true).build()))).as(description)
                    .containsExactly(large.id(), small.id());
        }

        @Test
        void laterSortKeysBreakTiesOfEarlierOnes() {
            insert(secretIn(project).name("aes-128").algorithm("aes").bitLength(128));
            insert(secretIn(project).name("rsa-2048").algorithm("rsa").bitLength(2048));
            insert(secretIn(project).name("aes-256").algorithm("aes").bitLength(256));

            SecretQuery query = query().sort(SortField.ALGORITHM, false).sort(SortField.BIT_LENGTH, true).build();

            assertThat(names(list(query))).containsExactly("aes-256", "aes-128", "rsa-2048");
        }

        @Test
        void sortingByStatusKeepsTheDefaultOrder() {
            insert(secretIn(project).name("older").created(T0));
            insert(secretIn(project).name("newer").created(T0.plusSeconds(1)));

            assertThat(names(list(query().sort(SortField.STATUS, true).build()))).containsExactly("older", "newer");
        }
    }

    @Nested
    class UserMetadata {
        final Secret secret = insert(secretIn(newProject()));

        Map<String, String> metadata() {
            return metadataOf(secret.id());
        }

        @Test
        void aSecretStartsWithoutMetadata() {
            assertThat(metadata()).isEmpty();
        }

        @Test
        void keysKeepTheirInsertionOrder() {
            Map<String, String> unsorted = new LinkedHashMap<>();
            unsorted.put("zulu", "1");
            unsorted.put("alpha", "2");
            unsorted.put("mike", "3");

            store.write(tx -> {
                tx.secrets().replaceUserMetadata(secret.id(), unsorted);
                return tx.secrets().addUserMetadatum(secret.id(), "bravo", "4");
            });

            assertThat(metadata()).containsExactly(Map.entry("zulu", "1"), Map.entry("alpha", "2"),
                    Map.entry("mike", "3"), Map.entry("bravo", "4"));
        }

        @Test
        void replacingDiscardsEveryPreviousKey() {
            store.write(tx -> {
                tx.secrets().replaceUserMetadata(secret.id(), Map.of("old", "1", "kept", "2"));
                tx.secrets().replaceUserMetadata(secret.id(), Map.of("kept", "3"));
                return null;
            });

            assertThat(metadata()).containsExactly(Map.entry("kept", "3"));
        }

        @Test
        void replacingWithNothingClearsTheMetadata() {
            store.write(tx -> {
                tx.secrets().replaceUserMetadata(secret.id(), Map.of("old", "1"));
                tx.secrets().replaceUserMetadata(secret.id(), Map.of());
                return null;
            });

            assertThat(metadata()).isEmpty();
        }

        @Test
        void addingAnExistingKeyIsRefusedAndChangesNothing() {
            boolean first = store.write(tx -> tx.secrets().addUserMetadatum(secret.id(), "owner", "ops"));
            boolean second = store.write(tx -> tx.secrets().addUserMetadatum(secret.id(), "owner", "dev"));

            assertThat(first).isTrue();
            assertThat(second).isFalse();
            assertThat(metadata()).containsExactly(Map.entry("owner", "ops"));
        }

        @Test
        void updatingChangesTheValueInPlace() {
            store.write(tx -> {
                tx.secrets().addUserMetadatum(secret.id(), "first", "1");
                return tx.secrets().addUserMetadatum(secret.id(), "second", "2");
            });

            boolean updated = store.write(tx -> tx.secrets().updateUserMetadatum(secret.id(), "first", "one"));

            assertThat(updated).isTrue();
            assertThat(metadata()).containsExactly(Map.entry("first", "one"), Map.entry("second", "2"));
        }

        @Test
        void updatingOrDeletingAMissingKeyReportsIt() {
            assertThat(changed(tx -> tx.secrets().updateUserMetadatum(secret.id(), "absent", "x"))).isFalse();
            assertThat(changed(tx -> tx.secrets().deleteUserMetadatum(secret.id(), "absent"))).isFalse();
            assertThat(metadata()).isEmpty();
        }

        @Test
        void deletingRemovesOnlyThatKey() {
            store.write(tx -> {
                tx.secrets().replaceUserMetadata(secret.id(), new LinkedHashMap<>(Map.of("a", "1")));
                return tx.secrets().addUserMetadatum(secret.id(), "b", "2");
            });

            assertThat(changed(tx -> tx.secrets().deleteUserMetadatum(secret.id(), "a"))).isTrue();

            assertThat(metadata()).containsExactly(Map.entry("b", "2"));
        }

        @Test
        void aKeyDeletedAndAddedAgainMovesToTheEnd() {
            store.write(tx -> {
                tx.secrets().addUserMetadatum(secret.id(), "a", "1");
                tx.secrets().addUserMetadatum(secret.id(), "b", "2");
                tx.secrets().deleteUserMetadatum(secret.id(), "a");
                return tx.secrets().addUserMetadatum(secret.id(), "a", "3");
            });

            assertThat(metadata()).containsExactly(Map.entry("b", "2"), Map.entry("a", "3"));
        }
    }

    @Nested
    class ProjectKeys {
        final ProjectId project = newProject();

        WrappedKek kek(int version) {
            byte[] wrapped = new byte[40];
            ThreadLocalRandom.current().nextBytes(wrapped);
            return new WrappedKek(project, version, 1, wrapped, T0.plusSeconds(version));
        }

        @Test
        void aProjectWithoutKeksHasNoCurrentOne() {
            assertThat(currentKek(project)).isEmpty();
        }

        @Test
        void theCurrentKekIsTheHighestVersion() {
            WrappedKek v1 = kek(1);
            WrappedKek v2 = kek(2);
            store.write(tx -> tx.projectKeys().insertIfAbsent(v2) && tx.projectKeys().insertIfAbsent(v1));

            assertThat(currentKek(project)).contains(v2);
            assertThat(kekFound(project, 1)).contains(v1);
            assertThat(kekFound(project, 3)).isEmpty();
            assertThat(currentKek(newProject())).isEmpty();
        }

        @Test
        void aVersionThatExistsIsNeverOverwritten() {
            WrappedKek winner = kek(1);
            WrappedKek loser = kek(1);

            assertThat(changed(tx -> tx.projectKeys().insertIfAbsent(winner))).isTrue();
            assertThat(changed(tx -> tx.projectKeys().insertIfAbsent(loser))).isFalse();

            assertThat(kekFound(project, 1)).contains(winner);
        }

        @RepeatedTest(10)
        void ofTwoNodesRacingToInsertTheSameVersionExactlyOneWins() throws Exception {
            WrappedKek first = kek(1);
            WrappedKek second = kek(1);
            CyclicBarrier start = new CyclicBarrier(2);

            List<Boolean> outcomes = new ArrayList<>();
            try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
                List<Future<Boolean>> futures = new ArrayList<>();
                for (WrappedKek kek : List.of(first, second)) {
                    futures.add(nodes.submit(() -> {
                        start.await();
                        return store.write(tx -> tx.projectKeys().insertIfAbsent(kek));
                    }));
                }
                for (Future<Boolean> future : futures) {
                    outcomes.add(future.get());
                }
            }

            assertThat(outcomes).containsExactlyInAnyOrder(true, false);
            WrappedKek stored = kekFound(project, 1).orElseThrow();
            assertThat(stored).isEqualTo(outcomes.get(0) ? first : second);
        }
    }

    @Nested
    class Tokens {
        ApiToken token(String description, Instant created) {
            byte[] hash = new byte[32];
            ThreadLocalRandom.current().nextBytes(hash);
            return new ApiToken("tok" + UUID.randomUUID().toString().replace("-", ""), hash, newProject(), "bob",
                    Set.of(Role.CREATOR, Role.SERVICE_ADMIN), description, created, null);
        }

        void insert(ApiToken token) {
            store.write(tx -> {
                tx.tokens().insert(token);
                return null;
            });
        }

        @Test
        void anInsertedTokenIsFoundByItsId() {
            ApiToken token = token("ci pipeline", T0);
            ApiToken anonymous = new ApiToken("anon" + UUID.randomUUID(), new byte[32], newProject(), null,
                    Set.of(), null, T0, null);

            insert(token);
            insert(anonymous);

            assertThat(tokenFound(token.tokenId())).contains(token);
            assertThat(tokenFound(anonymous.tokenId())).contains(anonymous);
            assertThat(tokenFound("no such token")).isEmpty();
        }

        @Test
        void tokensAreListedInCreationOrder() {
            ApiToken later = token("later", T0.plusSeconds(2));
            ApiToken earlier = token("earlier", T0.plusSeconds(1));
            insert(later);
            insert(earlier);

            List<ApiToken> listed = store.read(tx -> tx.tokens().list());

            assertThat(listed).containsSubsequence(earlier, later);
        }

        @Test
        void aTokenIsRevokedOnce() {
            ApiToken token = token("to revoke", T0);
            insert(token);
            Instant revokedAt = T0.plusSeconds(30);

            boolean revoked = store.write(tx -> tx.tokens().revoke(token.tokenId(), revokedAt));
            boolean revokedAgain = store.write(tx -> tx.tokens().revoke(token.tokenId(), revokedAt.plusSeconds(1)));

            assertThat(revoked).isTrue();
            assertThat(revokedAgain).isFalse();
            assertThat(tokenFound(token.tokenId()).orElseThrow().revoked()).isEqualTo(revokedAt);
        }

        @Test
        void revokingAnUnknownTokenReportsIt() {
            assertThat(changed(tx -> tx.tokens().revoke("no such token", T0))).isFalse();
        }
    }

    @Nested
    class Transactions {
        AuditEvent event(String requestId, Action action, String objectId) {
            return new AuditEvent(T0, requestId, "alice", "project-a", AuthMethod.API_TOKEN, null, null, action, objectId,
                    AuditEvent.Outcome.SUCCESS, null);
        }

        @Test
        void aWriteReturnsWhatItsWorkReturnsAndReadsThenSeeIt() {
            Secret secret = secretIn(newProject()).build();

            Secret returned = store.write(tx -> {
                tx.secrets().insert(secret, sealed(1));
                return secret;
            });

            assertThat(returned).isSameAs(secret);
            assertThat(secretFound(secret.id())).contains(secret);
        }

        @Test
        void auditEventsCommitWithTheirWriteAndAreListedNewestLast() {
            String request = "req-" + UUID.randomUUID();
            AuditEvent created = event(request, Action.SECRET_CREATE, "object-1");
            AuditEvent denied = new AuditEvent(T0.plusSeconds(1), request, null, null, AuthMethod.TRUSTED_HEADERS, null, null,
                    Action.SECRET_DELETE, null, AuditEvent.Outcome.DENIED, "role not permitted");

            store.write(tx -> {
                tx.audit().append(created);
                tx.audit().append(denied);
                return null;
            });

            assertThat(auditTail(2)).containsExactly(created, denied);
        }

        @Test
        void anExceptionInAWriteRollsBackEveryRowItWroteAuditIncluded() {
            Secret secret = secretIn(newProject()).build();
            AuditEvent audited = event("req-" + UUID.randomUUID(), Action.SECRET_CREATE, secret.id().toString());
            RuntimeException failure = new IllegalStateException("the work failed half-way");

            assertThatThrownBy(() -> store.write(tx -> {
                tx.secrets().insert(secret, sealed(1));
                tx.secrets().replaceUserMetadata(secret.id(), Map.of("k", "v"));
                tx.projectKeys().insertIfAbsent(new WrappedKek(secret.project(), 1, 1, new byte[40], T0));
                tx.audit().append(audited);
                throw failure;
            })).isSameAs(failure);

            assertThat(secretFound(secret.id())).isEmpty();
            assertThat(payloadOf(secret.id())).isEmpty();
            assertThat(metadataOf(secret.id())).isEmpty();
            assertThat(currentKek(secret.project())).isEmpty();
            assertThat(auditTail(50)).doesNotContain(audited);
        }

        @Test
        void domainExceptionsPassThroughUnchanged() {
            DomainException conflict = new DomainException.Conflict(DomainException.Clash.PAYLOAD_ALREADY_STORED);

            assertThatThrownBy(() -> store.write(tx -> {
                throw conflict;
            })).isSameAs(conflict);
            assertThatThrownBy(() -> store.read(tx -> {
                throw conflict;
            })).isSameAs(conflict);
        }

        @Test
        void aDatabaseFailureSurfacesAsAStoreException() {
            Secret secret = insert(secretIn(newProject()));

            assertThatThrownBy(() -> store.write(tx -> {
                tx.secrets().insert(secret, sealed(1));
                return null;
            })).isInstanceOf(StoreException.class);
        }

        @Test
        void concurrentWritersAllCommitAndAFailingOneTakesOnlyItselfDown() throws Exception {
            ProjectId project = newProject();
            int writers = 64;
            int failing = 17;
            CyclicBarrier start = new CyclicBarrier(writers);
            List<Future<Secret>> results = new ArrayList<>();

            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < writers; i++) {
                    int writer = i;
                    results.add(threads.submit(() -> {
                        start.await();
                        Secret secret = secretIn(project).name("writer " + writer).build();
                        return store.write(tx -> {
                            tx.secrets().insert(secret, sealed(1));
                            tx.audit().append(event("concurrent", Action.SECRET_CREATE, secret.id().toString()));
                            if (writer == failing) {
                                throw new IllegalStateException("writer " + writer + " fails");
                            }
                            return secret;
                        });
                    }));
                }
            }

            List<String> committed = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                if (i == failing) {
                    assertThatThrownBy(results.get(i)::get).hasRootCauseMessage("writer 17 fails");
                } else {
                    committed.add(results.get(i).get().name());
                }
            }
            Page<Secret> stored = store.read(tx -> tx.secrets().list(project, SecretQuery.all(0, 100), T0));
            assertThat(names(stored)).containsExactlyInAnyOrderElementsOf(committed).doesNotContain("writer 17");
            assertThat(stored.total()).isEqualTo(writers - 1);
        }
    }

    @Nested
    class Restart {
        @Test
        void reopeningTheDatabaseMigratesNothingAndKeepsTheData() {
            Secret secret = insert(secretIn(newProject()));

            try (JdbcStore reopened = JdbcStore.open(config)) {
                Optional<Secret> found = reopened.read(tx -> tx.secrets().find(secret.id()));
                assertThat(found).contains(secret);
                Secret another = secretIn(newProject()).build();
                reopened.write(tx -> {
                    tx.secrets().insert(another, sealed(1));
                    return null;
                });
                assertThat(secretFound(another.id())).contains(another);
            }
        }
    }

    static SecretQueryBuilder query() {
        return new SecretQueryBuilder();
    }

    static List<String> names(Page<Secret> page) {
        return page.items().stream().map(Secret::name).toList();
    }

    static List<SecretId> ids(Page<Secret> page) {
        return page.items().stream().map(Secret::id).toList();
    }

    /** Listing queries with only the parts a test cares about. */
    static final class SecretQueryBuilder {
        private String name;
        private String algorithm;
        private String mode;
        private Integer bitLength;
        private SecretType type;
        private final List<TimeFilter> created = new ArrayList<>();
        private final List<TimeFilter> updated = new ArrayList<>();
        private final List<TimeFilter> expiration = new ArrayList<>();
        private final List<Sort> sort = new ArrayList<>();

        SecretQueryBuilder name(String value) {
            name = value;
            return this;
        }

        SecretQueryBuilder algorithm(String value) {
            algorithm = value;
            return this;
        }

        SecretQueryBuilder mode(String value) {
            mode = value;
            return this;
        }

        SecretQueryBuilder bitLength(Integer value) {
            bitLength = value;
            return this;
        }

        SecretQueryBuilder type(SecretType value) {
            type = value;
            return this;
        }

        SecretQueryBuilder created(Comparison comparison, Instant instant) {
            created.add(new TimeFilter(comparison, instant));
            return this;
        }

        SecretQueryBuilder updated(Comparison comparison, Instant instant) {
            updated.add(new TimeFilter(comparison, instant));
            return this;
        }

        SecretQueryBuilder expiration(Comparison comparison, Instant instant) {
            expiration.add(new TimeFilter(comparison, instant));
            return this;
        }

        SecretQueryBuilder sort(SortField field, boolean descending) {
            sort.add(new Sort(field, descending));
            return this;
        }

        SecretQuery build() {
            return new SecretQuery(name, algorithm, mode, bitLength, type, created, updated, expiration, sort, 0, 100);
        }
    }
}
