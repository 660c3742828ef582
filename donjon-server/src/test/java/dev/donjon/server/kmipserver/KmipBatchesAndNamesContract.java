package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.BatchErrorContinuationOption;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.enums.State;
import dev.donjon.server.app.KmipClientCertificates;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.donjon.server.kmipserver.Kmip.attribute;
import static dev.donjon.server.kmipserver.Kmip.bytes;
import static dev.donjon.server.kmipserver.Kmip.enumeration;
import static dev.donjon.server.kmipserver.Kmip.integer;
import static dev.donjon.server.kmipserver.Kmip.name;
import static dev.donjon.server.kmipserver.Kmip.named;
import static dev.donjon.server.kmipserver.Kmip.structure;
import static dev.donjon.server.kmipserver.Kmip.text;
import static dev.donjon.server.kmipserver.Kmip.uid;
import static dev.donjon.server.kmipserver.Kmip.usageMask;
import static dev.donjon.server.kmipserver.KmipConnection.item;
import static dev.donjon.server.kmipserver.KmipConnection.reason;
import static dev.donjon.server.kmipserver.KmipConnection.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * KMIP batches with Batch Error Continuation Option Undo, Stop and Continue, and the uniqueness of Names, over a real
 * server on each database engine (the subclasses choose it): both rely on the engine's transactions and locks.
 */
abstract class KmipBatchesAndNamesContract extends KmipServerFixture {
    private static final int ENCRYPT = CryptographicUsageMask.ENCRYPT.code();

    /** An identity of a project that has done nothing yet, so has no KEK until its first seal. */
    private KmipClientCertificates.Issued newcomer;

    @Override
    KmipTestServer startServer(Path dataDir) {
        DevPki.ensure(dataDir, List.of());
        newcomer = KmipClientCertificates.issue(dataDir, new ProjectId("newcomer-" + UUID.randomUUID()),
                Set.of(Role.ADMIN));
        return super.startServer(dataDir);
    }

    /** A named 128-bit AES key for encryption. */
    static KmipConnection.Item createAes(String keyName) {
        return Kmip.createAes(128, usageMask(ENCRYPT), named(keyName));
    }

    /** A KMIP 2.x Register of a raw AES key, named. */
    static Ttlv[] registerAes(String keyName) {
        return new Ttlv[]{enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                structure(Tag.ATTRIBUTES, integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, ENCRYPT),
                        enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                        integer(Tag.CRYPTOGRAPHIC_LENGTH, 128), name(keyName)),
                structure(Tag.SYMMETRIC_KEY, structure(Tag.KEY_BLOCK,
                        enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
                        structure(Tag.KEY_VALUE, bytes(Tag.KEY_MATERIAL, new byte[16])),
                        enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                        integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)))};
    }

    static String create(KmipConnection kmip, String keyName) throws Exception {
        Structure created = kmip.batch(null, createAes(keyName)).getFirst();
        assertThat(status(created)).isEqualTo(ResultStatus.SUCCESS);
        return text(payload(created), Tag.UNIQUE_IDENTIFIER);
    }

    static Structure payload(Structure responseItem) {
        return responseItem.find(Tag.RESPONSE_PAYLOAD, Structure.class).orElseThrow();
    }

    static List<Ttlv> located(KmipConnection kmip, String keyName) throws Exception {
        return kmip.ok(Operation.LOCATE, named(keyName)).findAll(Tag.UNIQUE_IDENTIFIER);
    }

    static boolean hasAttribute(Structure attributes, String attributeName) {
        return attributes.findAll(Tag.ATTRIBUTE).stream().map(Structure.class::cast)
                .anyMatch(a -> text(a, Tag.ATTRIBUTE_NAME).equals(attributeName));
    }

    static Ttlv state(KmipConnection kmip, String id) throws Exception {
        return Kmip.attributeValue(kmip.ok(Operation.GET_ATTRIBUTES, uid(id)), "State");
    }

    /** Whatever each client does, on its own connection, all released at once; their results in client order. */
    <T> List<T> inParallel(int clients, ClientTask<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<T>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                answers.add(pool.submit(() -> {
                    try (KmipConnection kmip = connect()) {
                        start.await(20, TimeUnit.SECONDS);
                        return task.run(kmip, client);
                    }
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    interface ClientTask<T> {
        T run(KmipConnection kmip, int client) throws Exception;
    }

    List<AuditEvent> auditOf(String objectId) {
        return server.audit(10_000).stream().filter(e -> objectId.equals(e.objectId())).toList();
    }

    @Nested
    class Undo {
        @Test
        void whenTheThirdItemFailsTheObjectTheFirstCreatedIsGoneAndTheFirstTwoAnswerUndone() throws Exception {
            try (KmipConnection kmip = connect()) {
                String keyName = "undo-created-" + UUID.randomUUID();
                List<Structure> answers = kmip.batch(BatchErrorContinuationOption.UNDO,
                        createAes(keyName),
                        item(Operation.ADD_ATTRIBUTE, attribute("Contact Information",
                                text(Tag.CONTACT_INFORMATION, "ops@example.com"))),
                        item(Operation.GET, uid(UUID.randomUUID().toString())),
                        item(Operation.ACTIVATE));

                assertThat(answers).as("the item after the failure is not processed, so not answered")
                        .extracting(KmipConnection::status).containsExactly(ResultStatus.OPERATION_UNDONE,
                                ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_FAILED);
                assertThat(reason(answers.get(2))).isEqualTo(ResultReason.ITEM_NOT_FOUND);
                String undoneId = text(payload(answers.getFirst()), Tag.UNIQUE_IDENTIFIER);
                assertThat(text(payload(answers.get(1)), Tag.UNIQUE_IDENTIFIER))
                        .as("an undone item still carries the payload it produced").isEqualTo(undoneId);

                assertThat(located(kmip, keyName)).isEmpty();
                assertThat(reason(kmip.call(Operation.GET_ATTRIBUTES, uid(undoneId))))
                        .isEqualTo(ResultReason.ITEM_NOT_FOUND);
                assertThat(auditOf(undoneId)).as("the trail does not claim the undone creation").isEmpty();
                assertThat(create(kmip, keyName)).as("the name was never taken").isNotEqualTo(undoneId);
            }
        }

        @Test
        void whenTheThirdItemFailsAnExistingObjectKeepsItsStateAndAttributes() throws Exception {
            try (KmipConnection kmip = connect()) {
                String existing = create(kmip, "undo-existing-" + UUID.randomUUID());
                List<Structure> answers = kmip.batch(BatchErrorContinuationOption.UNDO,
                        item(Operation.ACTIVATE, uid(existing)),
                        item(Operation.ADD_ATTRIBUTE, uid(existing), attribute("Contact Information",
                                text(Tag.CONTACT_INFORMATION, "ops@example.com"))),
                        item(Operation.CHECK, uid(existing), integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
                                CryptographicUsageMask.DECRYPT.code())));

                assertThat(answers).extracting(KmipConnection::status).containsExactly(
                        ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_FAILED);
                Structure attributes = kmip.ok(Operation.GET_ATTRIBUTES, uid(existing));
                assertThat(Kmip.attributeValue(attributes, "State"))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.PRE_ACTIVE));
                assertThat(hasAttribute(attributes, "Activation Date")).isFalse();
                assertThat(hasAttribute(attributes, "Contact Information")).isFalse();
                // Reads are audited too (this test's own Get Attributes): the trail holds no change but the creation.
                assertThat(auditOf(existing)).extracting(AuditEvent::action)
                        .filteredOn(action -> action != Action.SECRET_READ)
                        .as("only the creation happened").containsExactly(Action.SECRET_CREATE);
            }
        }

        @Test
        void anUndoneKeyUseReturnsNoResultSoNothingOfItRemains() throws Exception {
            try (KmipConnection kmip = connect()) {
                String key = create(kmip, "undo-use-" + UUID.randomUUID());
                kmip.ok(Operation.ACTIVATE, uid(key));
                List<Structure> answers = kmip.batch(BatchErrorContinuationOption.UNDO,
                        item(Operation.ENCRYPT, uid(key), structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
                                enumeration(Tag.BLOCK_CIPHER_MODE, dev.donjon.kmip.enums.BlockCipherMode.GCM)),
                                bytes(Tag.DATA, new byte[16])),
                        item(Operation.GET, uid(UUID.randomUUID().toString())));

                assertThat(answers).extracting(KmipConnection::status)
                        .containsExactly(ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_FAILED);
                assertThat(payload(answers.getFirst()).children()).as("the key, but no ciphertext")
                        .containsExactly(uid(key));
                assertThat(auditOf(key)).extracting(AuditEvent::action)
                        .containsExactly(Action.SECRET_CREATE, Action.SECRET_ACTIVATE);
            }
        }

        @Test
        void undoBatchesAndSingleWritesRunSideBySideWithoutWaitingForEachOther() throws Exception {
            int clients = 6;
            String prefix = "side-by-side-" + UUID.randomUUID();
            List<List<Structure>> answers = inParallel(clients, (kmip, i) -> {
                String keyName = prefix + "-" + i;
                return i % 2 == 0
                        ? kmip.batch(BatchErrorContinuationOption.UNDO, createAes(keyName),
                                item(Operation.ACTIVATE), item(Operation.GET, uid(UUID.randomUUID().toString())))
                        : kmip.batch(null, createAes(keyName));
            });
            for (int i = 0; i < clients; i++) {
                assertThat(answers.get(i)).extracting(KmipConnection::status).containsExactlyElementsOf(i % 2 == 0
                        ? List.of(ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_UNDONE,
                        ResultStatus.OPERATION_FAILED)
                        : List.of(ResultStatus.SUCCESS));
            }
            try (KmipConnection kmip = connect()) {
                for (int i = 0; i < clients; i++) {
                    assertThat(located(kmip, prefix + "-" + i)).hasSize(i % 2 == 0 ? 0 : 1);
                }
            }
        }

        @Test
        void anUndoBatchMayBeTheFirstThingAProjectDoes() throws Exception {
            // The project's KEK is made before the batch's transaction: its first seal would otherwise be a second
            // write inside it, which SQLite's single writer cannot start.
            String keyName = "first-" + UUID.randomUUID();
            try (KmipConnection kmip = new KmipConnection(TlsContexts.client(server.restTlsCa(),
                    newcomer.files().certificate(), newcomer.files().privateKey()), server.kmipPort())) {
                List<Structure> answers = kmip.batch(BatchErrorContinuationOption.UNDO, createAes(keyName),
                        item(Operation.ACTIVATE));
                assertThat(answers).extracting(KmipConnection::status)
                        .containsExactly(ResultStatus.SUCCESS, ResultStatus.SUCCESS);
                assertThat(located(kmip, keyName)).hasSize(1);
            }
        }

        @Test
        void aBatchWithoutFailureCommitsEveryItem() throws Exception {
            try (KmipConnection kmip = connect()) {
                String keyName = "undo-kept-" + UUID.randomUUID();
                List<Structure> answers = kmip.batch(BatchErrorContinuationOption.UNDO, createAes(keyName),
                        item(Operation.ACTIVATE));
                assertThat(answers).extracting(KmipConnection::status)
                        .containsExactly(ResultStatus.SUCCESS, ResultStatus.SUCCESS);
                String id = text(payload(answers.getFirst()), Tag.UNIQUE_IDENTIFIER);
                assertThat(located(kmip, keyName)).containsExactly(uid(id));
                assertThat(state(kmip, id))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.ACTIVE));
            }
        }

        @Test
        void stopKeepsWhatSucceededBeforeTheFailureAndContinueAlsoRunsWhatFollows() throws Exception {
            try (KmipConnection kmip = connect()) {
                String stopped = "stop-" + UUID.randomUUID();
                List<Structure> stop = kmip.batch(BatchErrorContinuationOption.STOP, createAes(stopped),
                        item(Operation.GET, uid(UUID.randomUUID().toString())), item(Operation.ACTIVATE));
                assertThat(stop).extracting(KmipConnection::status)
                        .containsExactly(ResultStatus.SUCCESS, ResultStatus.OPERATION_FAILED);
                String stoppedId = text(payload(stop.getFirst()), Tag.UNIQUE_IDENTIFIER);
                assertThat(located(kmip, stopped)).containsExactly(uid(stoppedId));
                assertThat(state(kmip, stoppedId))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.PRE_ACTIVE));

                String continued = "continue-" + UUID.randomUUID();
                List<Structure> go = kmip.batch(BatchErrorContinuationOption.CONTINUE, createAes(continued),
                        item(Operation.GET, uid(UUID.randomUUID().toString())), item(Operation.ACTIVATE));
                assertThat(go).extracting(KmipConnection::status).containsExactly(ResultStatus.SUCCESS,
                        ResultStatus.OPERATION_FAILED, ResultStatus.SUCCESS);
                String continuedId = text(payload(go.getFirst()), Tag.UNIQUE_IDENTIFIER);
                assertThat(state(kmip, continuedId))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.ACTIVE));
            }
        }
    }

    @Nested
    class UniqueNames {
        @Test
        void creatingOrRegisteringUnderATakenNameFailsWithTheReasonOfTheVersion() throws Exception {
            try (KmipConnection kmip = connect()) {
                String keyName = "unique-" + UUID.randomUUID();
                String holder = create(kmip, keyName);
                Structure again = kmip.batch(null, createAes(keyName)).getFirst();
                assertThat(reason(again)).as("KMIP 1.4 Table 328").isEqualTo(ResultReason.INVALID_FIELD);

                kmip.version(2, 1);
                assertThat(reason(kmip.call(Operation.REGISTER, registerAes(keyName))))
                        .isEqualTo(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE);
                kmip.version(1, 4);
                assertThat(located(kmip, keyName)).containsExactly(uid(holder));
            }
        }

        @Test
        void addingOrModifyingANameToOneAnotherObjectBearsFails() throws Exception {
            try (KmipConnection kmip = connect()) {
                String taken = "taken-" + UUID.randomUUID();
                String ownName = "own-" + UUID.randomUUID();
                create(kmip, taken);
                String other = create(kmip, ownName);

                assertThat(reason(kmip.call(Operation.ADD_ATTRIBUTE, uid(other), named(taken))))
                        .as("KMIP 1.4 Table 341").isEqualTo(ResultReason.ILLEGAL_OPERATION);
                assertThat(reason(kmip.call(Operation.MODIFY_ATTRIBUTE, uid(other),
                        attribute("Name", 0, name(taken))))).as("KMIP 1.4 Table 342")
                        .isEqualTo(ResultReason.ILLEGAL_OPERATION);
                assertThat(reason(kmip.call(Operation.ADD_ATTRIBUTE, uid(other), named(ownName))))
                        .as("an object does not bear one name twice").isEqualTo(ResultReason.ILLEGAL_OPERATION);
                kmip.version(2, 1);
                assertThat(reason(kmip.call(Operation.ADD_ATTRIBUTE, uid(other),
                        structure(Tag.NEW_ATTRIBUTE, name(taken)))))
                        .isEqualTo(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE);
                kmip.version(1, 4);

                assertThat(texts(kmip.ok(Operation.GET_ATTRIBUTES, uid(other)))).containsExactly(ownName);
                String renamed = "renamed-" + UUID.randomUUID();
                kmip.ok(Operation.MODIFY_ATTRIBUTE, uid(other), attribute("Name", 0, name(renamed)));
                assertThat(located(kmip, renamed)).containsExactly(uid(other));
                assertThat(located(kmip, ownName)).as("a name given up is free again").isEmpty();
                create(kmip, ownName);
            }
        }

        /** The Name Values among the 1.x attributes of a Get Attributes response. */
        private static List<String> texts(Structure attributes) {
            List<String> names = new ArrayList<>();
            for (Ttlv item : attributes.findAll(Tag.ATTRIBUTE)) {
                Structure attribute = (Structure) item;
                if (text(attribute, Tag.ATTRIBUTE_NAME).equals("Name")) {
                    names.add(text(attribute.find(Tag.ATTRIBUTE_VALUE, Structure.class).orElseThrow(),
                            Tag.NAME_VALUE));
                }
            }
            return names;
        }

        @Test
        void aKeyPairWhoseHalvesWouldShareANameIsRefusedWhole() throws Exception {
            try (KmipConnection kmip = connect()) {
                String keyName = "pair-" + UUID.randomUUID();
                Structure refused = kmip.call(Operation.CREATE_KEY_PAIR, structure(Tag.COMMON_TEMPLATE_ATTRIBUTE,
                        attribute("Cryptographic Algorithm", enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                                CryptographicAlgorithm.EC)),
                        attribute("Cryptographic Length", integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
                        named(keyName)));
                assertThat(reason(refused)).as("Name is not common to both keys (KMIP 1.4 §4.2)")
                        .isEqualTo(ResultReason.INVALID_FIELD);
                assertThat(located(kmip, keyName)).as("not even the private half is kept").isEmpty();
            }
        }

        @Test
        void anotherProjectAndADestroyedObjectDoNotHoldTheName() throws Exception {
            String keyName = "shared-" + UUID.randomUUID();
            try (KmipConnection mine = connect();
                 KmipConnection theirs = connectAsOther()) {
                String first = create(mine, keyName);
                create(theirs, keyName);
                mine.ok(Operation.DESTROY, uid(first));
                String second = create(mine, keyName);
                assertThat(located(mine, keyName)).containsExactly(uid(second));
            }
        }

        @Test
        void reKeyHandsTheNameToTheReplacement() throws Exception {
            try (KmipConnection kmip = connect()) {
                String keyName = "rekeyed-" + UUID.randomUUID();
                String existing = create(kmip, keyName);
                kmip.ok(Operation.ACTIVATE, uid(existing));
                String replacement = text(kmip.ok(Operation.RE_KEY, uid(existing)), Tag.UNIQUE_IDENTIFIER);
                assertThat(located(kmip, keyName)).containsExactly(uid(replacement));
                kmip.ok(Operation.REVOKE, uid(existing), structure(Tag.REVOCATION_REASON,
                        enumeration(Tag.REVOCATION_REASON_CODE, RevocationReasonCode.SUPERSEDED)));
            }
        }

        @Test
        void ofParallelRegistersUnderOneNameExactlyOneSucceeds() throws Exception {
            int clients = 8;
            String keyName = "race-" + UUID.randomUUID();
            List<Structure> results = inParallel(clients,
                    (kmip, i) -> kmip.version(2, 1).call(Operation.REGISTER, registerAes(keyName)));
            assertThat(results).filteredOn(r -> status(r) == ResultStatus.SUCCESS).hasSize(1);
            assertThat(results).filteredOn(r -> status(r) != ResultStatus.SUCCESS).hasSize(clients - 1)
                    .allSatisfy(r -> assertThat(reason(r)).isEqualTo(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE));
            try (KmipConnection kmip = connect()) {
                assertThat(located(kmip, keyName)).hasSize(1);
            }
        }
    }
}
