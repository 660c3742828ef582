package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.KmipFieldException;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.Node;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Operations served in-process against a real node (SQLite in a temporary directory, the dev key hierarchy), one
 * node per test class: each test calls the registered operation classes with the library's typed payloads, as the
 * processor does after decoding, and reads their typed answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OperationTest {
    static final Duration LEASE_TIME = Duration.ofHours(1);

    private Node node;
    private Map<Operation, KmipOperation<?, ?>> operations;

    @BeforeAll
    void openNode(@TempDir Path dataDir) {
        node = Node.open(DevMode.config(dataDir, true, 0), clock());
        operations = new Operations(node.cryptography(), node.x509(), node.random(), node.clock(), LEASE_TIME)
                .over(node.keys());
    }

    /** The node the operations serve, for what a test does outside KMIP (a REST delete, say). */
    Node node() {
        return node;
    }

    /** The node's clock; a test that moves time by hand returns its own. */
    java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }

    @AfterAll
    void closeNode() {
        if (node != null) {
            node.close();
        }
    }

    /** A new request message from the test project's admin, in {@code version}. */
    static OperationContext context(ProtocolVersion version) {
        return new OperationContext(new CallContext(new Principal("operation-tester", new ProjectId("operations"),
                Set.of(Role.ADMIN), AuthMethod.CLIENT_CERTIFICATE), "test-" + UUID.randomUUID()), version);
    }

    /** Serves {@code request} in a message of its own, in KMIP 2.1. */
    <R extends ResponsePayload> R serve(RequestPayload request, Class<R> answer) {
        return serve(context(ProtocolVersion.V2_1), request, answer);
    }

    <R extends ResponsePayload> R serve(OperationContext context, RequestPayload request, Class<R> answer) {
        KmipOperation<?, ?> operation = operations.get(request.operation());
        assertThat(operation).as("registered operation for %s", request.operation()).isNotNull();
        return answer.cast(operation.serveDecoded(context, request));
    }

    /** What the operation throws for {@code request}, served in KMIP 2.1. */
    Throwable refusal(RequestPayload request) {
        return refusal(context(ProtocolVersion.V2_1), request);
    }

    Throwable refusal(OperationContext context, RequestPayload request) {
        Throwable thrown = catchThrowable(() -> serve(context, request, ResponsePayload.class));
        assertThat(thrown).as("refusal of %s", request.operation()).isNotNull();
        return thrown;
    }

    /**
     * The Result Reason of a refusal the KMIP edge decides itself ({@link KmipError}) or of a field the library's
     * structure reads refuse ({@link KmipFieldException}).
     */
    ResultReason reason(RequestPayload request) {
        return reason(context(ProtocolVersion.V2_1), request);
    }

    ResultReason reason(OperationContext context, RequestPayload request) {
        Throwable thrown = refusal(context, request);
        assertThat(thrown).isInstanceOfAny(KmipError.class, KmipFieldException.class);
        return thrown instanceof KmipFieldException field ? field.reason() : ((KmipError) thrown).reason();
    }

    /** An Active AES key with the given usage. */
    String aesKey(int bits, CryptographicUsageMask... usage) {
        String id = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY,
                Attributes.symmetricKey(CryptographicAlgorithm.AES, bits, usage)), ResponsePayload.Create.class)
                .uniqueIdentifier();
        serve(new RequestPayload.Activate(Optional.of(id)), ResponsePayload.Activate.class);
        return id;
    }

    /** A Pre-Active EC P-256 pair: the private half may sign, the public half verify. */
    ResponsePayload.CreateKeyPair ecPair() {
        return serve(new RequestPayload.CreateKeyPair(
                Optional.of(Attributes.EMPTY.withEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.EC)
                        .withInteger(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
                Optional.of(Attributes.EMPTY.withInteger(Tag.CRYPTOGRAPHIC_USAGE_MASK,
                        CryptographicUsageMask.SIGN.code())),
                Optional.of(Attributes.EMPTY.withInteger(Tag.CRYPTOGRAPHIC_USAGE_MASK,
                        CryptographicUsageMask.VERIFY.code()))), ResponsePayload.CreateKeyPair.class);
    }

    /** The values of a standard attribute of the object, read with Get Attributes in KMIP 2.1. */
    List<Ttlv> attribute(String id, Tag tag) {
        return serve(new RequestPayload.GetAttributes(Optional.of(id), List.of(new AttributeName.Standard(tag))),
                ResponsePayload.GetAttributes.class).attributes().all(tag);
    }

    State state(String id) {
        return State.fromCode(((Ttlv.EnumerationItem) attribute(id, Tag.STATE).getFirst()).value()).orElseThrow();
    }

    static Attribute name(String name) {
        return Attribute.name(name);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
