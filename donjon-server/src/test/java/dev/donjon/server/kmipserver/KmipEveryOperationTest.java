package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.DerivationMethod;
import dev.donjon.kmip.enums.HashingAlgorithm;
import dev.donjon.kmip.enums.InteropFunction;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.PaddingMethod;
import dev.donjon.kmip.enums.QueryFunction;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.enums.SecretDataType;
import dev.donjon.kmip.enums.SplitKeyMethod;
import dev.donjon.kmip.enums.UsageLimitsUnit;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What Query advertises works: at every protocol version, over mutual TLS with the library's client, each operation
 * the Query Operations answer lists is called once with a request that version can carry, and succeeds. An operation
 * Query lists without a sample here fails the test, so a newly registered operation is covered when it is added.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipEveryOperationTest {
    private static final byte[] DATA = "every operation".getBytes(StandardCharsets.UTF_8);

    private KmipTestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = KmipTestServer.start(dataDir, 1 << 20);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A request for one operation, made (with any objects it needs) through the client. */
    private interface Sample {
        RequestPayload request(KmipClient client) throws Exception;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1"})
    void everyOperationQueryAdvertisesWorks(String version) throws Exception {
        String[] parts = version.split("\\.");
        ProtocolVersion protocol = new ProtocolVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        try (KmipClient client = KmipClient.connect(KmipClient.Config.of("127.0.0.1", server.kmipPort(), server.devClient())
                .withProtocolVersion(protocol))) {
            List<Operation> advertised = client.query(QueryFunction.QUERY_OPERATIONS).operations();
            assertThat(advertised).contains(Operation.CREATE, Operation.GET, Operation.QUERY);
            Map<Operation, Sample> samples = samples();
            List<String> failures = new ArrayList<>();
            for (Operation operation : advertised) {
                Sample sample = samples.get(operation);
                if (sample == null) {
                    failures.add(operation.specName() + ": advertised, but this test has no sample request for it");
                    continue;
                }
                try {
                    RequestPayload request = sample.request(client);
                    assertThat(client.call(request, ResponsePayload.class).operation()).isEqualTo(operation);
                } catch (KmipOperationException e) {
                    failures.add(operation.specName() + ": " + e.getMessage());
                }
            }
            if (!failures.isEmpty()) {
                fail("KMIP %s: operations Query advertises that did not work:%n%s", version, String.join("\n", failures));
            }
        }
    }

    private static Structure cryptographicParameters(Ttlv... fields) {
        return new Structure(Tag.CRYPTOGRAPHIC_PARAMETERS, fields);
    }

    private static final Structure CBC = cryptographicParameters(
            new Ttlv.EnumerationItem(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.CBC),
            new Ttlv.EnumerationItem(Tag.PADDING_METHOD, PaddingMethod.PKCS5));
    private static final Structure RSA_SHA256 = cryptographicParameters(
            new Ttlv.EnumerationItem(Tag.PADDING_METHOD, PaddingMethod.PKCS1_V1_5),
            new Ttlv.EnumerationItem(Tag.HASHING_ALGORITHM, HashingAlgorithm.SHA_256),
            new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.RSA));
    private static final Structure HMAC_SHA256 = cryptographicParameters(
            new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.HMAC_SHA256));

    private static String activeKey(KmipClient client, Attributes attributes) throws Exception {
        String id = client.create(ObjectType.SYMMETRIC_KEY, attributes);
        client.activate(id);
        return id;
    }

    private static String aes(KmipClient client) throws Exception {
        return activeKey(client, Attributes.symmetricKey(CryptographicAlgorithm.AES, 128, CryptographicUsageMask.ENCRYPT,
                CryptographicUsageMask.DECRYPT));
    }

    private static String hmac(KmipClient client) throws Exception {
        return activeKey(client, Attributes.symmetricKey(CryptographicAlgorithm.HMAC_SHA256, 256,
                CryptographicUsageMask.MAC_GENERATE, CryptographicUsageMask.MAC_VERIFY));
    }

    private static ResponsePayload.CreateKeyPair rsaPair(KmipClient client) throws Exception {
        ResponsePayload.CreateKeyPair pair = client.call(new RequestPayload.CreateKeyPair(
                Optional.of(Attributes.EMPTY.withEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.RSA)
                        .withInteger(Tag.CRYPTOGRAPHIC_LENGTH, 2048)),
                Optional.of(Attributes.EMPTY.withInteger(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.SIGN.code())),
                Optional.of(Attributes.EMPTY.withInteger(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.VERIFY.code()))),
                ResponsePayload.CreateKeyPair.class);
        client.activate(pair.privateKeyUniqueIdentifier());
        client.activate(pair.publicKeyUniqueIdentifier());
        return pair;
    }

    private static Structure secretData(byte[] value) {
        return new Structure(Tag.SECRET_DATA, new Ttlv.EnumerationItem(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD),
                new Structure(Tag.KEY_BLOCK, new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, KeyFormatType.OPAQUE),
                        new Structure(Tag.KEY_VALUE, new Ttlv.BytesItem(Tag.KEY_MATERIAL, value))));
    }

    private static Attribute text(Tag tag, String value) {
        return new Attribute(tag, new Ttlv.TextItem(tag, value));
    }

    private static Optional<String> some(String id) {
        return Optional.of(id);
    }

    private static List<String> splitKey(KmipClient client) throws Exception {
        return client.call(new RequestPayload.CreateSplitKey(ObjectType.SPLIT_KEY, Optional.empty(), 2, 2, SplitKeyMethod.XOR,
                Optional.empty(), Attributes.symmetricKey(CryptographicAlgorithm.AES, 128)),
                ResponsePayload.CreateSplitKey.class).uniqueIdentifiers();
    }

    private static Map<Operation, Sample> samples() {
        Map<Operation, Sample> samples = new EnumMap<>(Operation.class);
        samples.put(Operation.CREATE, c -> new RequestPayload.Create(ObjectType.SYMMETRIC_KEY,
                Attributes.symmetricKey(CryptographicAlgorithm.AES, 128, CryptographicUsageMask.ENCRYPT)));
        samples.put(Operation.CREATE_KEY_PAIR, c -> new RequestPayload.CreateKeyPair(
                Optional.of(Attributes.EMPTY.withEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.EC)
                        .withInteger(Tag.CRYPTOGRAPHIC_LENGTH, 256)), Optional.empty(), Optional.empty()));
        samples.put(Operation.REGISTER, c -> new RequestPayload.Register(ObjectType.SECRET_DATA, Attributes.EMPTY,
                secretData(DATA)));
        samples.put(Operation.RE_KEY, c -> new RequestPayload.ReKey(some(aes(c)), Optional.empty(), Optional.empty()));
        samples.put(Operation.DERIVE_KEY, c -> {
            String password = c.register(ObjectType.SECRET_DATA, Attributes.EMPTY.withInteger(Tag.CRYPTOGRAPHIC_USAGE_MASK,
                    CryptographicUsageMask.DERIVE_KEY.code()), secretData(DATA));
            c.activate(password);
            return new RequestPayload.DeriveKey(ObjectType.SYMMETRIC_KEY, List.of(password), DerivationMethod.PBKDF2,
                    new Structure(Tag.DERIVATION_PARAMETERS, cryptographicParameters(new Ttlv.EnumerationItem(
                            Tag.HASHING_ALGORITHM, HashingAlgorithm.SHA_256)), new Ttlv.BytesItem(Tag.SALT, DATA),
                            new Ttlv.IntegerItem(Tag.ITERATION_COUNT, 1000)),
                    Attributes.symmetricKey(CryptographicAlgorithm.AES, 128, CryptographicUsageMask.ENCRYPT));
        });
        samples.put(Operation.CERTIFY, c -> new RequestPayload.Certify(some(rsaPair(c).publicKeyUniqueIdentifier()),
                Optional.empty(), Optional.empty(), Optional.empty()));
        samples.put(Operation.RE_CERTIFY, c -> {
            String certificate = c.call(new RequestPayload.Certify(some(rsaPair(c).publicKeyUniqueIdentifier()),
                    Optional.empty(), Optional.empty(), Optional.empty()), ResponsePayload.Certify.class).uniqueIdentifier();
            return new RequestPayload.ReCertify(some(certificate), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        });
        samples.put(Operation.LOCATE, c -> {
            String name = "every-" + UUID.randomUUID();
            c.createSymmetricKey(CryptographicAlgorithm.AES, 128, Optional.of(name), CryptographicUsageMask.ENCRYPT);
            return RequestPayload.Locate.byAttributes(Attributes.of(Attribute.name(name)));
        });
        samples.put(Operation.CHECK, c -> new RequestPayload.Check(some(aes(c)), Optional.empty(),
                Optional.of(CryptographicUsageMask.ENCRYPT.code()), Optional.empty()));
        samples.put(Operation.GET, c -> new RequestPayload.Get(some(aes(c)), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
        samples.put(Operation.GET_ATTRIBUTES, c -> new RequestPayload.GetAttributes(some(aes(c)),
                List.of(new AttributeName.Standard(Tag.CRYPTOGRAPHIC_LENGTH))));
        samples.put(Operation.GET_ATTRIBUTE_LIST, c -> new RequestPayload.GetAttributeList(some(aes(c))));
        samples.put(Operation.ADD_ATTRIBUTE, c -> new RequestPayload.AddAttribute(some(aes(c)),
                text(Tag.OBJECT_GROUP, "every-operation")));
        samples.put(Operation.MODIFY_ATTRIBUTE, c -> {
            String id = aes(c);
            c.call(new RequestPayload.AddAttribute(some(id), text(Tag.CONTACT_INFORMATION, "before")),
                    ResponsePayload.AddAttribute.class);
            // 1.x names the instance by the Attribute's name and index, 2.x by a Current Attribute.
            return new RequestPayload.ModifyAttribute(some(id), c.protocolVersion().usesTaggedAttributes()
                    ? Optional.of(text(Tag.CONTACT_INFORMATION, "before")) : Optional.empty(),
                    text(Tag.CONTACT_INFORMATION, "after"));
        });
        samples.put(Operation.DELETE_ATTRIBUTE, c -> {
            String id = aes(c);
            Attribute group = text(Tag.OBJECT_GROUP, "deleted");
            c.call(new RequestPayload.AddAttribute(some(id), group), ResponsePayload.AddAttribute.class);
            return new RequestPayload.DeleteAttribute(some(id), Optional.of(new AttributeName.Standard(Tag.OBJECT_GROUP)),
                    Optional.empty(), Optional.of(group));
        });
        samples.put(Operation.SET_ATTRIBUTE, c -> new RequestPayload.SetAttribute(some(aes(c)),
                text(Tag.CONTACT_INFORMATION, "set")));
        samples.put(Operation.OBTAIN_LEASE, c -> new RequestPayload.ObtainLease(some(aes(c))));
        samples.put(Operation.GET_USAGE_ALLOCATION, c -> new RequestPayload.GetUsageAllocation(some(activeKey(c,
                Attributes.symmetricKey(CryptographicAlgorithm.AES, 128, CryptographicUsageMask.ENCRYPT).with(
                        Tag.USAGE_LIMITS, new Structure(Tag.USAGE_LIMITS, new Ttlv.LongItem(Tag.USAGE_LIMITS_TOTAL, 10),
                                new Ttlv.EnumerationItem(Tag.USAGE_LIMITS_UNIT, UsageLimitsUnit.OBJECT))))),
                Optional.of(1L)));
        samples.put(Operation.ACTIVATE, c -> new RequestPayload.Activate(some(c.create(ObjectType.SYMMETRIC_KEY,
                Attributes.symmetricKey(CryptographicAlgorithm.AES, 128, CryptographicUsageMask.ENCRYPT)))));
        samples.put(Operation.REVOKE, c -> new RequestPayload.Revoke(some(aes(c)), RevocationReasonCode.CESSATION_OF_OPERATION,
                Optional.empty(), Optional.empty()));
        samples.put(Operation.DESTROY, c -> new RequestPayload.Destroy(some(c.create(ObjectType.SYMMETRIC_KEY,
                Attributes.symmetricKey(CryptographicAlgorithm.AES, 128, CryptographicUsageMask.ENCRYPT)))));
        samples.put(Operation.QUERY, c -> new RequestPayload.Query(List.of(QueryFunction.QUERY_OBJECTS)));
        samples.put(Operation.DISCOVER_VERSIONS, c -> new RequestPayload.DiscoverVersions(List.of()));
        samples.put(Operation.RE_KEY_KEY_PAIR, c -> new RequestPayload.ReKeyKeyPair(some(rsaPair(c).privateKeyUniqueIdentifier()),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        byte[] iv = new byte[16];
        samples.put(Operation.ENCRYPT, c -> new RequestPayload.Encrypt(some(aes(c)), Optional.of(CBC), Optional.of(DATA),
                Optional.of(iv), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        samples.put(Operation.DECRYPT, c -> {
            String id = aes(c);
            byte[] encrypted = c.encrypt(id, DATA, Optional.of(CBC), Optional.of(iv)).data().orElseThrow();
            return new RequestPayload.Decrypt(some(id), Optional.of(CBC), Optional.of(encrypted), Optional.of(iv),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        });
        samples.put(Operation.SIGN, c -> new RequestPayload.Sign(some(rsaPair(c).privateKeyUniqueIdentifier()),
                Optional.of(RSA_SHA256), Optional.of(DATA), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        samples.put(Operation.SIGNATURE_VERIFY, c -> {
            ResponsePayload.CreateKeyPair pair = rsaPair(c);
            byte[] signature = c.call(new RequestPayload.Sign(some(pair.privateKeyUniqueIdentifier()), Optional.of(RSA_SHA256),
                    Optional.of(DATA), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                    ResponsePayload.Sign.class).signatureData().orElseThrow();
            return new RequestPayload.SignatureVerify(some(pair.publicKeyUniqueIdentifier()), Optional.of(RSA_SHA256),
                    Optional.of(DATA), Optional.empty(), Optional.of(signature), Optional.empty(), Optional.empty(), Optional.empty());
        });
        samples.put(Operation.MAC, c -> new RequestPayload.Mac(some(hmac(c)), Optional.of(HMAC_SHA256), Optional.of(DATA),
                Optional.empty(), Optional.empty(), Optional.empty()));
        samples.put(Operation.MAC_VERIFY, c -> {
            String id = hmac(c);
            byte[] mac = c.call(new RequestPayload.Mac(some(id), Optional.of(HMAC_SHA256), Optional.of(DATA), Optional.empty(),
                    Optional.empty(), Optional.empty()), ResponsePayload.Mac.class).macData().orElseThrow();
            return new RequestPayload.MacVerify(some(id), Optional.of(HMAC_SHA256), Optional.of(DATA), Optional.of(mac),
                    Optional.empty(), Optional.empty(), Optional.empty());
        });
        samples.put(Operation.RNG_RETRIEVE, c -> new RequestPayload.RngRetrieve(16));
        samples.put(Operation.RNG_SEED, c -> new RequestPayload.RngSeed(DATA));
        samples.put(Operation.HASH, c -> new RequestPayload.Hash(cryptographicParameters(new Ttlv.EnumerationItem(
                Tag.HASHING_ALGORITHM, HashingAlgorithm.SHA_256)), Optional.of(DATA), Optional.empty(), Optional.empty(),
                Optional.empty()));
        samples.put(Operation.CREATE_SPLIT_KEY, c -> new RequestPayload.CreateSplitKey(ObjectType.SPLIT_KEY, Optional.empty(),
                3, 2, SplitKeyMethod.POLYNOMIAL_SHARING_GF_28, Optional.empty(),
                Attributes.symmetricKey(CryptographicAlgorithm.AES, 128)));
        samples.put(Operation.JOIN_SPLIT_KEY, c -> new RequestPayload.JoinSplitKey(ObjectType.SYMMETRIC_KEY, splitKey(c),
                Optional.empty(), Attributes.EMPTY));
        samples.put(Operation.EXPORT, c -> new RequestPayload.Export(some(aes(c)), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
        // 1.4 requires at least one Attribute (§4.41 Table 253: "Yes, is repeated").
        samples.put(Operation.IMPORT, c -> new RequestPayload.Import(UUID.randomUUID().toString(), ObjectType.SECRET_DATA,
                Optional.empty(), Optional.empty(), Attributes.of(Attribute.name("imported-" + UUID.randomUUID())),
                secretData(DATA)));
        samples.put(Operation.INTEROP, c -> new RequestPayload.Interop(InteropFunction.BEGIN, "every-operation"));
        samples.put(Operation.LOG, c -> new RequestPayload.Log("every operation"));
        return samples;
    }
}
