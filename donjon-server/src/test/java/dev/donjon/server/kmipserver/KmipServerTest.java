package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.enums.BatchErrorContinuationOption;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.CertificateType;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.DigitalSignatureAlgorithm;
import dev.donjon.kmip.enums.HashingAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.PaddingMethod;
import dev.donjon.kmip.enums.QueryFunction;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.enums.SecretDataType;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.enums.ValidityIndicator;
import dev.donjon.server.crypto.Pem;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import static dev.donjon.server.kmipserver.Kmip.ENCRYPT_DECRYPT;
import static dev.donjon.server.kmipserver.Kmip.attribute;
import static dev.donjon.server.kmipserver.Kmip.attributeOf;
import static dev.donjon.server.kmipserver.Kmip.bytes;
import static dev.donjon.server.kmipserver.Kmip.enumeration;
import static dev.donjon.server.kmipserver.Kmip.integer;
import static dev.donjon.server.kmipserver.Kmip.name;
import static dev.donjon.server.kmipserver.Kmip.named;
import static dev.donjon.server.kmipserver.Kmip.structure;
import static dev.donjon.server.kmipserver.Kmip.template;
import static dev.donjon.server.kmipserver.Kmip.text;
import static dev.donjon.server.kmipserver.Kmip.uid;
import static dev.donjon.server.kmipserver.Kmip.usageMask;
import static dev.donjon.server.kmipserver.KmipConnection.item;
import static dev.donjon.server.kmipserver.KmipConnection.reason;
import static dev.donjon.server.kmipserver.KmipConnection.status;
import static org.assertj.core.api.Assertions.assertThat;

/** The KMIP server over real mutual TLS, operation by operation, in KMIP 1.4 and 2.1. */
class KmipServerTest extends KmipServerFixture {
    /** Creates an AES key with the given name and usage mask; pre-active. */
    static String createAes(KmipConnection kmip, String keyName, int bits, int mask) throws Exception {
        return Kmip.createAes(kmip, bits, usageMask(mask), named(keyName));
    }

    String registerSymmetric(KmipConnection kmip, byte[] key, int mask) throws Exception {
        Structure symmetric = structure(Tag.SYMMETRIC_KEY, structure(Tag.KEY_BLOCK,
                enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
                structure(Tag.KEY_VALUE, bytes(Tag.KEY_MATERIAL, key)),
                enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                integer(Tag.CRYPTOGRAPHIC_LENGTH, key.length * 8)));
        return text(kmip.ok(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                template(usageMask(mask)),
                symmetric), Tag.UNIQUE_IDENTIFIER);
    }

    static byte[] keyMaterial(Structure getPayload, Tag objectTag) {
        Structure keyBlock = getPayload.find(objectTag, Structure.class).orElseThrow()
                .find(Tag.KEY_BLOCK, Structure.class).orElseThrow();
        return Kmip.bytes(keyBlock.find(Tag.KEY_VALUE, Structure.class).orElseThrow(), Tag.KEY_MATERIAL);
    }

    static Structure cryptoParameters(Ttlv... items) {
        return structure(Tag.CRYPTOGRAPHIC_PARAMETERS, items);
    }

    @Nested
    class ServerInformation {
        @Test
        void discoverVersionsListsEverySupportedVersionNewestFirst() throws Exception {
            try (KmipConnection kmip = connect()) {
                Structure payload = kmip.ok(Operation.DISCOVER_VERSIONS);
                assertThat(payload.findAll(Tag.PROTOCOL_VERSION)).hasSize(7);
                Structure first = (Structure) payload.findAll(Tag.PROTOCOL_VERSION).getFirst();
                assertThat(first.find(Tag.PROTOCOL_VERSION_MAJOR, Ttlv.IntegerItem.class).orElseThrow().value())
                        .isEqualTo(2);
                Structure only14 = kmip.ok(Operation.DISCOVER_VERSIONS, structure(Tag.PROTOCOL_VERSION,
                        integer(Tag.PROTOCOL_VERSION_MAJOR, 1), integer(Tag.PROTOCOL_VERSION_MINOR, 4)),
                        structure(Tag.PROTOCOL_VERSION, integer(Tag.PROTOCOL_VERSION_MAJOR, 3),
                                integer(Tag.PROTOCOL_VERSION_MINOR, 0)));
                assertThat(only14.findAll(Tag.PROTOCOL_VERSION)).hasSize(1);
            }
        }

        @Test
        void queryListsOperationsObjectsAndServerInformation() throws Exception {
            try (KmipConnection kmip = connect()) {
                Structure payload = kmip.ok(Operation.QUERY,
                        enumeration(Tag.QUERY_FUNCTION, QueryFunction.QUERY_OPERATIONS),
                        enumeration(Tag.QUERY_FUNCTION, QueryFunction.QUERY_OBJECTS),
                        enumeration(Tag.QUERY_FUNCTION, QueryFunction.QUERY_SERVER_INFORMATION));
                assertThat(payload.findAll(Tag.OPERATION)).contains(
                        enumeration(Tag.OPERATION, Operation.CREATE), enumeration(Tag.OPERATION, Operation.LOCATE),
                        enumeration(Tag.OPERATION, Operation.SIGN), enumeration(Tag.OPERATION, Operation.CERTIFY),
                        enumeration(Tag.OPERATION, Operation.RE_CERTIFY))
                        // At 1.4 (the connection's version), without the 2.0 operations Set Attribute, Interop and
                        // Log; with 1.4's Export, Import, Create Split Key, Join Split Key and RNG Seed.
                        .hasSize(36);
                // Certificate, Symmetric Key, Public Key, Private Key, Split Key, Template (1.x only), Secret Data,
                // Opaque Object.
                assertThat(payload.findAll(Tag.OBJECT_TYPE)).hasSize(8);
                assertThat(Kmip.text(payload, Tag.VENDOR_IDENTIFICATION)).isEqualTo("Donjon");
            }
        }
    }

    @Nested
    class CreateRegisterGet {
        @Test
        void createMakesAPreActiveAesKeyServedRawAndTransparent() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip, "create-" + UUID.randomUUID(), 256, ENCRYPT_DECRYPT);
                Structure raw = kmip.ok(Operation.GET, uid(id));
                byte[] key = keyMaterial(raw, Tag.SYMMETRIC_KEY);
                assertThat(key).hasSize(32);
                assertThat(text(raw, Tag.UNIQUE_IDENTIFIER)).isEqualTo(id);
                Structure transparent = kmip.ok(Operation.GET, uid(id),
                        enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY));
                Structure material = transparent.find(Tag.SYMMETRIC_KEY, Structure.class).orElseThrow()
                        .find(Tag.KEY_BLOCK, Structure.class).orElseThrow()
                        .find(Tag.KEY_VALUE, Structure.class).orElseThrow()
                        .find(Tag.KEY_MATERIAL, Structure.class).orElseThrow();
                assertThat(Kmip.bytes(material, Tag.KEY)).isEqualTo(key);
                Structure attributes = kmip.ok(Operation.GET_ATTRIBUTES, uid(id), text(Tag.ATTRIBUTE_NAME, "State"));
                assertThat(Kmip.attributeValue(attributes, "State")).isEqualTo(new Ttlv.EnumerationItem(
                        Tag.ATTRIBUTE_VALUE, State.PRE_ACTIVE));
            }
        }

        @Test
        void createRefusesMissingLengthAndUnsupportedTypes() throws Exception {
            try (KmipConnection kmip = connect()) {
                Structure noLength = kmip.call(Operation.CREATE,
                        enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                        template(attribute("Cryptographic Algorithm", enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                                CryptographicAlgorithm.AES))));
                assertThat(reason(noLength)).isEqualTo(ResultReason.MISSING_DATA);
                Structure wrongType = kmip.call(Operation.CREATE, enumeration(Tag.OBJECT_TYPE, ObjectType.SECRET_DATA));
                // 1.4 has no Invalid Object Type (2.0): its Create error table answers Invalid Field.
                assertThat(reason(wrongType)).isEqualTo(ResultReason.INVALID_FIELD);
                Structure badLength = kmip.call(Operation.CREATE,
                        enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                        template(attribute("Cryptographic Algorithm", enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                                CryptographicAlgorithm.AES)),
                                attribute("Cryptographic Length", integer(Tag.CRYPTOGRAPHIC_LENGTH, 100))));
                assertThat(reason(badLength)).isEqualTo(ResultReason.INVALID_FIELD);
            }
        }

        @Test
        void registeredObjectsOfEveryTypeComeBackAsGiven() throws Exception {
            KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            byte[] certificate = Pem.readCertificates(server.restTlsCa()).getFirst().getEncoded();
            try (KmipConnection kmip = connect()) {
                byte[] aes = new byte[16];
                new java.security.SecureRandom().nextBytes(aes);
                String symmetric = registerSymmetric(kmip, aes, ENCRYPT_DECRYPT);
                assertThat(keyMaterial(kmip.ok(Operation.GET, uid(symmetric)), Tag.SYMMETRIC_KEY)).isEqualTo(aes);

                byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
                String secret = text(kmip.ok(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, ObjectType.SECRET_DATA),
                        template(), structure(Tag.SECRET_DATA,
                                enumeration(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD),
                                structure(Tag.KEY_BLOCK, enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.OPAQUE),
                                        structure(Tag.KEY_VALUE, bytes(Tag.KEY_MATERIAL, password))))),
                        Tag.UNIQUE_IDENTIFIER);
                assertThat(keyMaterial(kmip.ok(Operation.GET, uid(secret)), Tag.SECRET_DATA)).isEqualTo(password);

                byte[] blob = {1, 2, 3, 4, 5};
                String opaque = text(kmip.ok(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE,
                                ObjectType.OPAQUE_OBJECT), template(), structure(Tag.OPAQUE_OBJECT,
                                new Ttlv.EnumerationItem(Tag.OPAQUE_DATA_TYPE, 0x80000000),
                                bytes(Tag.OPAQUE_DATA_VALUE, blob))), Tag.UNIQUE_IDENTIFIER);
                assertThat(Kmip.bytes(kmip.ok(Operation.GET, uid(opaque)).find(Tag.OPAQUE_OBJECT, Structure.class)
                        .orElseThrow(), Tag.OPAQUE_DATA_VALUE)).isEqualTo(blob);

                String cert = text(kmip.ok(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, ObjectType.CERTIFICATE),
                        template(), structure(Tag.CERTIFICATE,
                                enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509),
                                bytes(Tag.CERTIFICATE_VALUE, certificate))), Tag.UNIQUE_IDENTIFIER);
                assertThat(Kmip.bytes(kmip.ok(Operation.GET, uid(cert)).find(Tag.CERTIFICATE, Structure.class)
                        .orElseThrow(), Tag.CERTIFICATE_VALUE)).isEqualTo(certificate);

                String privateKey = registerAsymmetric(kmip, ObjectType.PRIVATE_KEY, Tag.PRIVATE_KEY,
                        KeyFormatType.PKCS_8, rsa.getPrivate().getEncoded());
                assertThat(keyMaterial(kmip.ok(Operation.GET, uid(privateKey)), Tag.PRIVATE_KEY))
                        .isEqualTo(rsa.getPrivate().getEncoded());
                String publicKey = registerAsymmetric(kmip, ObjectType.PUBLIC_KEY, Tag.PUBLIC_KEY,
                        KeyFormatType.X_509, rsa.getPublic().getEncoded());
                assertThat(keyMaterial(kmip.ok(Operation.GET, uid(publicKey)), Tag.PUBLIC_KEY))
                        .isEqualTo(rsa.getPublic().getEncoded());
                // Format conversion: the PKCS#8 key served as PKCS#1 is the RSAPrivateKey inside it.
                byte[] pkcs1 = keyMaterial(kmip.ok(Operation.GET, uid(privateKey),
                        enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_1)), Tag.PRIVATE_KEY);
                assertThat(pkcs1).isNotEqualTo(rsa.getPrivate().getEncoded());
                assertThat(org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(pkcs1).getModulus())
                        .isEqualTo(((java.security.interfaces.RSAPrivateKey) rsa.getPrivate()).getModulus());
                Structure unsupported = kmip.call(Operation.GET, uid(symmetric),
                        enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_8));
                assertThat(reason(unsupported)).isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
            }
        }

        @Test
        void registerRefusesKeyMaterialThatIsNoKey() throws Exception {
            try (KmipConnection kmip = connect()) {
                Structure item = kmip.call(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, ObjectType.PRIVATE_KEY),
                        template(), structure(Tag.PRIVATE_KEY, structure(Tag.KEY_BLOCK,
                                enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_8),
                                structure(Tag.KEY_VALUE, bytes(Tag.KEY_MATERIAL, new byte[]{1, 2, 3})))));
                assertThat(reason(item)).isEqualTo(ResultReason.INVALID_FIELD);
            }
        }
    }

    String registerAsymmetric(KmipConnection kmip, ObjectType type, Tag objectTag, KeyFormatType format,
                              byte[] der) throws Exception {
        return text(kmip.ok(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, type),
                template(usageMask(CryptographicUsageMask.SIGN.code() | CryptographicUsageMask.VERIFY.code())),
                structure(objectTag, structure(Tag.KEY_BLOCK, enumeration(Tag.KEY_FORMAT_TYPE, format),
                        structure(Tag.KEY_VALUE, bytes(Tag.KEY_MATERIAL, der)),
                        enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.RSA),
                        integer(Tag.CRYPTOGRAPHIC_LENGTH, 2048)))), Tag.UNIQUE_IDENTIFIER);
    }

    @Nested
    class Attributes {
        @Test
        void getAttributesAndListInKmip1() throws Exception {
            try (KmipConnection kmip = connect()) {
                String keyName = "attrs-" + UUID.randomUUID();
                String id = createAes(kmip, keyName, 128, ENCRYPT_DECRYPT);
                Structure all = kmip.ok(Operation.GET_ATTRIBUTES, uid(id));
                assertThat(Kmip.attributeValue(all, "Cryptographic Algorithm")).isEqualTo(
                        new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, CryptographicAlgorithm.AES));
                assertThat(Kmip.attributeValue(all, "Cryptographic Length"))
                        .isEqualTo(new Ttlv.IntegerItem(Tag.ATTRIBUTE_VALUE, 128));
                assertThat(Kmip.attributeValue(all, "Cryptographic Usage Mask"))
                        .isEqualTo(new Ttlv.IntegerItem(Tag.ATTRIBUTE_VALUE, ENCRYPT_DECRYPT));
                assertThat(Kmip.attributeValue(all, "Name")).isEqualTo(
                        name(keyName).withTag(Tag.ATTRIBUTE_VALUE.code()));
                assertThat(Kmip.attributeValue(all, "Initial Date")).isInstanceOf(Ttlv.DateTimeItem.class);
                List<String> names = Kmip.texts(kmip.ok(Operation.GET_ATTRIBUTE_LIST, uid(id)), Tag.ATTRIBUTE_NAME);
                assertThat(names).contains("Unique Identifier", "Object Type", "Cryptographic Algorithm",
                        "Cryptographic Length", "Cryptographic Usage Mask", "Name", "State", "Initial Date",
                        "Last Change Date");
            }
        }

        @Test
        void getAttributesInKmip2UsesTagsAndAttributeReferences() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip, "v2-" + UUID.randomUUID(), 256, ENCRYPT_DECRYPT);
                kmip.version(2, 1);
                Structure payload = kmip.ok(Operation.GET_ATTRIBUTES, uid(id),
                        new Ttlv.EnumerationItem(Tag.ATTRIBUTE_REFERENCE, Tag.CRYPTOGRAPHIC_LENGTH.code()),
                        new Ttlv.EnumerationItem(Tag.ATTRIBUTE_REFERENCE, Tag.STATE.code()));
                Structure attributes = payload.find(Tag.ATTRIBUTES, Structure.class).orElseThrow();
                assertThat(attributes.children()).containsExactly(integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
                        enumeration(Tag.STATE, State.PRE_ACTIVE));
                Structure list = kmip.ok(Operation.GET_ATTRIBUTE_LIST, uid(id));
                assertThat(list.findAll(Tag.ATTRIBUTE_REFERENCE)).contains(
                        new Ttlv.EnumerationItem(Tag.ATTRIBUTE_REFERENCE, Tag.NAME.code()));
            }
        }

        @Test
        void addModifyAndDeleteAttributesInKmip1() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip, "first-" + UUID.randomUUID(), 128, ENCRYPT_DECRYPT);
                String second = "second-" + UUID.randomUUID();
                Structure added = kmip.ok(Operation.ADD_ATTRIBUTE, uid(id), named(second));
                assertThat(added.find(Tag.ATTRIBUTE, Structure.class).orElseThrow()
                        .find(Tag.ATTRIBUTE_INDEX, Ttlv.IntegerItem.class).orElseThrow().value()).isEqualTo(1);
                kmip.ok(Operation.ADD_ATTRIBUTE, uid(id), attribute("x-purpose", text(Tag.ATTRIBUTE_VALUE, "tests")));
                assertThat(kmip.ok(Operation.LOCATE, named(second)).findAll(Tag.UNIQUE_IDENTIFIER))
                        .containsExactly(uid(id));

                String renamed = "renamed-" + UUID.randomUUID();
                kmip.ok(Operation.MODIFY_ATTRIBUTE, uid(id), attribute("Name", 1, name(renamed)));
                kmip.ok(Operation.MODIFY_ATTRIBUTE, uid(id), attribute("x-purpose", text(Tag.ATTRIBUTE_VALUE, "more")));
                Structure all = kmip.ok(Operation.GET_ATTRIBUTES, uid(id));
                assertThat(Kmip.attributeValue(all, "x-purpose")).isEqualTo(text(Tag.ATTRIBUTE_VALUE, "more"));
                assertThat(kmip.ok(Operation.LOCATE, named(second)).findAll(Tag.UNIQUE_IDENTIFIER))
                        .isEmpty();

                kmip.ok(Operation.DELETE_ATTRIBUTE, uid(id), text(Tag.ATTRIBUTE_NAME, "Name"),
                        integer(Tag.ATTRIBUTE_INDEX, 1));
                kmip.ok(Operation.DELETE_ATTRIBUTE, uid(id), text(Tag.ATTRIBUTE_NAME, "x-purpose"));
                assertThat(kmip.ok(Operation.LOCATE, named(renamed)).findAll(Tag.UNIQUE_IDENTIFIER))
                        .isEmpty();

                Structure readOnly = kmip.call(Operation.MODIFY_ATTRIBUTE, uid(id),
                        attribute("Cryptographic Length", integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)));
                assertThat(reason(readOnly)).isEqualTo(ResultReason.PERMISSION_DENIED);
                Structure missing = kmip.call(Operation.DELETE_ATTRIBUTE, uid(id), text(Tag.ATTRIBUTE_NAME, "Name"),
                        integer(Tag.ATTRIBUTE_INDEX, 5));
                assertThat(reason(missing)).isEqualTo(ResultReason.ITEM_NOT_FOUND);
            }
        }

        @Test
        void setAndModifyAttributesInKmip2() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip, "set-" + UUID.randomUUID(), 128, ENCRYPT_DECRYPT);
                kmip.version(2, 1);
                kmip.ok(Operation.SET_ATTRIBUTE, uid(id), structure(Tag.NEW_ATTRIBUTE,
                        integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.ENCRYPT.code())));
                kmip.ok(Operation.ADD_ATTRIBUTE, uid(id), structure(Tag.NEW_ATTRIBUTE,
                        text(Tag.OBJECT_GROUP, "group-a")));
                kmip.ok(Operation.MODIFY_ATTRIBUTE, uid(id),
                        structure(Tag.CURRENT_ATTRIBUTE, text(Tag.OBJECT_GROUP, "group-a")),
                        structure(Tag.NEW_ATTRIBUTE, text(Tag.OBJECT_GROUP, "group-b")));
                Structure attributes = kmip.ok(Operation.GET_ATTRIBUTES, uid(id),
                        new Ttlv.EnumerationItem(Tag.ATTRIBUTE_REFERENCE, Tag.OBJECT_GROUP.code()),
                        new Ttlv.EnumerationItem(Tag.ATTRIBUTE_REFERENCE, Tag.CRYPTOGRAPHIC_USAGE_MASK.code()))
                        .find(Tag.ATTRIBUTES, Structure.class).orElseThrow();
                assertThat(attributes.children()).containsExactlyInAnyOrder(text(Tag.OBJECT_GROUP, "group-b"),
                        integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.ENCRYPT.code()));
                Structure readOnly = kmip.call(Operation.SET_ATTRIBUTE, uid(id), structure(Tag.NEW_ATTRIBUTE,
                        enumeration(Tag.STATE, State.ACTIVE)));
                assertThat(reason(readOnly)).isEqualTo(ResultReason.ATTRIBUTE_READ_ONLY);
                kmip.ok(Operation.DELETE_ATTRIBUTE, uid(id),
                        structure(Tag.CURRENT_ATTRIBUTE, text(Tag.OBJECT_GROUP, "group-b")));
                Structure gone = kmip.call(Operation.DELETE_ATTRIBUTE, uid(id),
                        structure(Tag.CURRENT_ATTRIBUTE, text(Tag.OBJECT_GROUP, "group-b")));
                assertThat(reason(gone)).isEqualTo(ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND);
            }
        }
    }

    @Nested
    class Locate {
        @Test
        void filtersByNameTypeStateAndAlgorithmWithPaging() throws Exception {
            try (KmipConnection kmip = connect()) {
                // Names are unique, so the three keys share a prefix that a 2.x wild-card name selects.
                String shared = "locate-" + UUID.randomUUID();
                String a = createAes(kmip, shared + "-a", 128, ENCRYPT_DECRYPT);
                String b = createAes(kmip, shared + "-b", 256, ENCRYPT_DECRYPT);
                String c = createAes(kmip, shared + "-c", 256, ENCRYPT_DECRYPT);
                kmip.ok(Operation.ACTIVATE, uid(b));
                Structure byName = kmip.ok(Operation.LOCATE, named(shared + "-b"));
                assertThat(byName.findAll(Tag.UNIQUE_IDENTIFIER)).containsExactly(uid(b));
                assertThat(byName.find(Tag.LOCATED_ITEMS)).as("counted only when paging").isEmpty();

                kmip.version(2, 1);
                Structure all = name(shared + "-*");
                Structure active = kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES, all,
                        enumeration(Tag.STATE, State.ACTIVE), enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                        enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)));
                assertThat(active.findAll(Tag.UNIQUE_IDENTIFIER)).containsExactly(uid(b));

                Structure long256 = kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES, all,
                        integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)));
                // Most recently created first (KMIP 2.1 §6.1.28).
                assertThat(long256.findAll(Tag.UNIQUE_IDENTIFIER)).containsExactly(uid(c), uid(b));

                Structure page = kmip.ok(Operation.LOCATE, integer(Tag.MAXIMUM_ITEMS, 1),
                        integer(Tag.OFFSET_ITEMS, 1), structure(Tag.ATTRIBUTES, all));
                assertThat(page.findAll(Tag.UNIQUE_IDENTIFIER)).containsExactly(uid(b));
                assertThat(page.find(Tag.LOCATED_ITEMS)).contains(integer(Tag.LOCATED_ITEMS, 3));

                Structure preActive = kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES, all,
                        enumeration(Tag.STATE, State.PRE_ACTIVE)));
                assertThat(preActive.findAll(Tag.UNIQUE_IDENTIFIER)).containsExactly(uid(c), uid(a));
            }
        }

        @Test
        void refusesUsageLimitsWhoseGreaterOrEqualMatchNoIndexServes() throws Exception {
            try (KmipConnection kmip = connect()) {
                Structure item = kmip.call(Operation.LOCATE, attribute("Usage Limits", structure(Tag.USAGE_LIMITS,
                        new Ttlv.LongItem(Tag.USAGE_LIMITS_TOTAL, 10),
                        enumeration(Tag.USAGE_LIMITS_UNIT, dev.donjon.kmip.enums.UsageLimitsUnit.OBJECT))));
                assertThat(reason(item)).isEqualTo(ResultReason.INVALID_FIELD);
            }
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void activateRevokeDestroyFollowTheStateMachine() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip, "life-" + UUID.randomUUID(), 256, ENCRYPT_DECRYPT);
                Structure encryptPreActive = kmip.call(Operation.ENCRYPT, uid(id), gcm(), bytes(Tag.DATA, new byte[4]));
                assertThat(reason(encryptPreActive)).isEqualTo(ResultReason.PERMISSION_DENIED);

                kmip.ok(Operation.ACTIVATE, uid(id));
                assertThat(reason(kmip.call(Operation.ACTIVATE, uid(id)))).isEqualTo(ResultReason.PERMISSION_DENIED);
                Structure destroyActive = kmip.call(Operation.DESTROY, uid(id));
                assertThat(reason(destroyActive)).isEqualTo(ResultReason.PERMISSION_DENIED);
                kmip.version(2, 1);
                assertThat(reason(kmip.call(Operation.DESTROY, uid(id))))
                        .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
                kmip.version(1, 4);

                byte[] ciphertextAndIv = encryptGcm(kmip, id, new byte[]{1, 2, 3});
                kmip.ok(Operation.REVOKE, uid(id), structure(Tag.REVOCATION_REASON,
                        enumeration(Tag.REVOCATION_REASON_CODE, RevocationReasonCode.CESSATION_OF_OPERATION),
                        text(Tag.REVOCATION_MESSAGE, "retired")));
                Structure attributes = kmip.ok(Operation.GET_ATTRIBUTES, uid(id));
                assertThat(Kmip.attributeValue(attributes, "State"))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.DEACTIVATED));
                assertThat(Kmip.attributeValue(attributes, "Deactivation Date")).isInstanceOf(Ttlv.DateTimeItem.class);
                // Deactivated keys still decrypt what they protected, but protect nothing new.
                assertThat(reason(kmip.call(Operation.ENCRYPT, uid(id), gcm(), bytes(Tag.DATA, new byte[4]))))
                        .isEqualTo(ResultReason.PERMISSION_DENIED);
                assertThat(ciphertextAndIv).isNotEmpty();

                kmip.ok(Operation.DESTROY, uid(id));
                Structure destroyed = kmip.ok(Operation.GET_ATTRIBUTES, uid(id));
                assertThat(Kmip.attributeValue(destroyed, "State"))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.DESTROYED));
                assertThat(Kmip.attributeValue(destroyed, "Destroy Date")).isInstanceOf(Ttlv.DateTimeItem.class);
                assertThat(status(kmip.call(Operation.GET, uid(id)))).isEqualTo(ResultStatus.OPERATION_FAILED);
            }
        }

        @Test
        void compromiseMovesToCompromisedAndThenDestroyedCompromised() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip, "compromise-" + UUID.randomUUID(), 128, ENCRYPT_DECRYPT);
                kmip.ok(Operation.ACTIVATE, uid(id));
                kmip.ok(Operation.REVOKE, uid(id), structure(Tag.REVOCATION_REASON,
                        enumeration(Tag.REVOCATION_REASON_CODE, RevocationReasonCode.KEY_COMPROMISE)),
                        new Ttlv.DateTimeItem(Tag.COMPROMISE_OCCURRENCE_DATE, java.time.Instant.parse(
                                "2024-01-02T03:04:05Z")));
                Structure attributes = kmip.ok(Operation.GET_ATTRIBUTES, uid(id));
                assertThat(Kmip.attributeValue(attributes, "State"))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.COMPROMISED));
                assertThat(Kmip.attributeValue(attributes, "Compromise Occurrence Date")).isEqualTo(
                        new Ttlv.DateTimeItem(Tag.ATTRIBUTE_VALUE, java.time.Instant.parse("2024-01-02T03:04:05Z")));
                kmip.ok(Operation.DESTROY, uid(id));
                assertThat(Kmip.attributeValue(kmip.ok(Operation.GET_ATTRIBUTES, uid(id)), "State"))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.DESTROYED_COMPROMISED));
            }
        }

        @Test
        void checkComparesTheUsageMask() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip, "check-" + UUID.randomUUID(), 128, CryptographicUsageMask.ENCRYPT.code());
                Structure fine = kmip.ok(Operation.CHECK, uid(id), integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
                        CryptographicUsageMask.ENCRYPT.code()));
                assertThat(text(fine, Tag.UNIQUE_IDENTIFIER)).isEqualTo(id);
                Structure tooMuch = kmip.call(Operation.CHECK, uid(id), integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
                        CryptographicUsageMask.SIGN.code()));
                assertThat(reason(tooMuch)).isEqualTo(ResultReason.PERMISSION_DENIED);
            }
        }
    }

    static Structure gcm() {
        return cryptoParameters(enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.GCM),
                enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES));
    }

    static byte[] encryptGcm(KmipConnection kmip, String id, byte[] data) throws Exception {
        Structure encrypted = kmip.ok(Operation.ENCRYPT, uid(id), gcm(), bytes(Tag.DATA, data));
        return Kmip.bytes(encrypted, Tag.DATA);
    }

    @Nested
    class Cryptography {
        @Test
        void aesGcmEncryptsWithAadAndDecryptsAndTheTagIsChecked() throws Exception {
            try (KmipConnection kmip = connect()) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                String id = registerSymmetric(kmip, key, ENCRYPT_DECRYPT);
                kmip.ok(Operation.ACTIVATE, uid(id));
                byte[] data = "attack at dawn".getBytes(StandardCharsets.UTF_8);
                byte[] aad = {9, 9};
                Structure encrypted = kmip.ok(Operation.ENCRYPT, uid(id), gcm(), bytes(Tag.DATA, data),
                        bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, aad));
                byte[] iv = Kmip.bytes(encrypted, Tag.IV_COUNTER_NONCE);
                byte[] tag = Kmip.bytes(encrypted, Tag.AUTHENTICATED_ENCRYPTION_TAG);
                byte[] ciphertext = Kmip.bytes(encrypted, Tag.DATA);
                // Independent check with the JCA: the server did AES-256-GCM under the registered key.
                Cipher jca = Cipher.getInstance("AES/GCM/NoPadding");
                jca.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
                jca.updateAAD(aad);
                assertThat(jca.doFinal(ByteBuffer.allocate(ciphertext.length + tag.length).put(ciphertext).put(tag)
                        .array())).isEqualTo(data);

                Structure decrypted = kmip.ok(Operation.DECRYPT, uid(id), gcm(), bytes(Tag.DATA, ciphertext),
                        bytes(Tag.IV_COUNTER_NONCE, iv), bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, aad),
                        bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG, tag));
                assertThat(Kmip.bytes(decrypted, Tag.DATA)).isEqualTo(data);
                tag[0] ^= 1;
                Structure tampered = kmip.call(Operation.DECRYPT, uid(id), gcm(), bytes(Tag.DATA, ciphertext),
                        bytes(Tag.IV_COUNTER_NONCE, iv), bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, aad),
                        bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG, tag));
                assertThat(reason(tampered)).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
            }
        }

        @Test
        void aesCbcWithPkcs5AndEcbWithoutPaddingRoundTrip() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip, "cbc-" + UUID.randomUUID(), 128, ENCRYPT_DECRYPT);
                kmip.ok(Operation.ACTIVATE, uid(id));
                Structure cbc = cryptoParameters(enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.CBC),
                        enumeration(Tag.PADDING_METHOD, PaddingMethod.PKCS5));
                byte[] data = "seventeen bytes!!".getBytes(StandardCharsets.US_ASCII);
                byte[] iv = new byte[16];
                Structure encrypted = kmip.ok(Operation.ENCRYPT, uid(id), cbc, bytes(Tag.DATA, data),
                        bytes(Tag.IV_COUNTER_NONCE, iv));
                assertThat(Kmip.bytes(encrypted, Tag.DATA)).hasSize(32);
                assertThat(Kmip.bytes(kmip.ok(Operation.DECRYPT, uid(id), cbc, bytes(Tag.DATA,
                        Kmip.bytes(encrypted, Tag.DATA)), bytes(Tag.IV_COUNTER_NONCE, iv)), Tag.DATA)).isEqualTo(data);

                Structure ecb = cryptoParameters(enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.ECB),
                        enumeration(Tag.PADDING_METHOD, PaddingMethod.NONE));
                byte[] block = new byte[16];
                byte[] ecbOut = Kmip.bytes(kmip.ok(Operation.ENCRYPT, uid(id), ecb, bytes(Tag.DATA, block)), Tag.DATA);
                assertThat(ecbOut).hasSize(16);
                assertThat(Kmip.bytes(kmip.ok(Operation.DECRYPT, uid(id), ecb, bytes(Tag.DATA, ecbOut)), Tag.DATA))
                        .isEqualTo(block);
                Structure unaligned = kmip.call(Operation.ENCRYPT, uid(id), ecb, bytes(Tag.DATA, new byte[5]));
                assertThat(reason(unaligned)).isEqualTo(ResultReason.INVALID_FIELD);
            }
        }

        @Test
        void theUsageMaskIsEnforced() throws Exception {
            try (KmipConnection kmip = connect()) {
                String decryptOnly = createAes(kmip, "mask-" + UUID.randomUUID(), 128,
                        CryptographicUsageMask.DECRYPT.code());
                kmip.ok(Operation.ACTIVATE, uid(decryptOnly));
                Structure refused = kmip.call(Operation.ENCRYPT, uid(decryptOnly), gcm(), bytes(Tag.DATA, new byte[3]));
                assertThat(reason(refused)).isEqualTo(ResultReason.PERMISSION_DENIED);
                kmip.version(2, 1);
                assertThat(reason(kmip.call(Operation.ENCRYPT, uid(decryptOnly), gcm(), bytes(Tag.DATA, new byte[3]))))
                        .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
            }
        }

        @Test
        void createKeyPairThenSignAndVerifyWithRsaAndEcdsa() throws Exception {
            try (KmipConnection kmip = connect()) {
                for (CryptographicAlgorithm algorithm : List.of(CryptographicAlgorithm.RSA,
                        CryptographicAlgorithm.ECDSA)) {
                    int length = algorithm == CryptographicAlgorithm.RSA ? 2048 : 256;
                    Structure pair = kmip.ok(Operation.CREATE_KEY_PAIR, structure(Tag.COMMON_TEMPLATE_ATTRIBUTE,
                                    attribute("Cryptographic Algorithm", enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                                            algorithm)),
                                    attribute("Cryptographic Length", integer(Tag.CRYPTOGRAPHIC_LENGTH, length))),
                            structure(Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE,
                                    usageMask(CryptographicUsageMask.SIGN.code())),
                            structure(Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE,
                                    usageMask(CryptographicUsageMask.VERIFY.code())));
                    String privateId = text(pair, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
                    String publicId = text(pair, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
                    kmip.ok(Operation.ACTIVATE, uid(privateId));
                    kmip.ok(Operation.ACTIVATE, uid(publicId));
                    DigitalSignatureAlgorithm dsa = algorithm == CryptographicAlgorithm.RSA
                            ? DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION
                            : DigitalSignatureAlgorithm.ECDSA_WITH_SHA256;
                    Structure parameters = cryptoParameters(enumeration(Tag.DIGITAL_SIGNATURE_ALGORITHM, dsa));
                    byte[] data = "signed".getBytes(StandardCharsets.UTF_8);
                    byte[] signature = Kmip.bytes(kmip.ok(Operation.SIGN, uid(privateId), parameters,
                            bytes(Tag.DATA, data)), Tag.SIGNATURE_DATA);

                    byte[] publicDer = keyMaterial(kmip.ok(Operation.GET, uid(publicId)), Tag.PUBLIC_KEY);
                    Signature jca = Signature.getInstance(algorithm == CryptographicAlgorithm.RSA
                            ? "SHA256withRSA" : "SHA256withECDSA");
                    jca.initVerify(java.security.KeyFactory.getInstance(algorithm == CryptographicAlgorithm.RSA
                            ? "RSA" : "EC").generatePublic(new java.security.spec.X509EncodedKeySpec(publicDer)));
                    jca.update(data);
                    assertThat(jca.verify(signature)).isTrue();

                    Structure valid = kmip.ok(Operation.SIGNATURE_VERIFY, uid(publicId), parameters,
                            bytes(Tag.DATA, data), bytes(Tag.SIGNATURE_DATA, signature));
                    assertThat(valid.find(Tag.VALIDITY_INDICATOR)).contains(enumeration(Tag.VALIDITY_INDICATOR,
                            ValidityIndicator.VALID));
                    Structure invalid = kmip.ok(Operation.SIGNATURE_VERIFY, uid(publicId), parameters,
                            bytes(Tag.DATA, "other".getBytes(StandardCharsets.UTF_8)),
                            bytes(Tag.SIGNATURE_DATA, signature));
                    assertThat(invalid.find(Tag.VALIDITY_INDICATOR)).contains(enumeration(Tag.VALIDITY_INDICATOR,
                            ValidityIndicator.INVALID));
                    // The halves link to each other.
                    Ttlv link = attributeOf(kmip, privateId, "Link");
                    assertThat(((Structure) link).find(Tag.LINKED_OBJECT_IDENTIFIER))
                            .contains(text(Tag.LINKED_OBJECT_IDENTIFIER, publicId));
                    // A verify-only public key cannot sign.
                    assertThat(status(kmip.call(Operation.SIGN, uid(publicId), parameters, bytes(Tag.DATA, data))))
                            .isEqualTo(ResultStatus.OPERATION_FAILED);
                }
            }
        }

        @Test
        void hmacMacAndMacVerify() throws Exception {
            try (KmipConnection kmip = connect()) {
                Structure created = kmip.ok(Operation.CREATE, enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                        template(attribute("Cryptographic Algorithm", enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                                        CryptographicAlgorithm.HMAC_SHA256)),
                                attribute("Cryptographic Length", integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
                                usageMask(CryptographicUsageMask.MAC_GENERATE.code()
                                                | CryptographicUsageMask.MAC_VERIFY.code()),
                                // An Activation Date in the past creates the key active.
                                attribute("Activation Date", new Ttlv.DateTimeItem(Tag.ACTIVATION_DATE,
                                        java.time.Instant.now().minusSeconds(60)))));
                String id = text(created, Tag.UNIQUE_IDENTIFIER);
                byte[] key = keyMaterial(kmip.ok(Operation.GET, uid(id)), Tag.SYMMETRIC_KEY);
                byte[] data = "mac me".getBytes(StandardCharsets.UTF_8);
                Structure parameters = cryptoParameters(enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                        CryptographicAlgorithm.HMAC_SHA256));
                byte[] mac = Kmip.bytes(kmip.ok(Operation.MAC, uid(id), parameters, bytes(Tag.DATA, data)),
                        Tag.MAC_DATA);
                Mac jca = Mac.getInstance("HmacSHA256");
                jca.init(new SecretKeySpec(key, "HmacSHA256"));
                assertThat(mac).isEqualTo(jca.doFinal(data));
                assertThat(kmip.ok(Operation.MAC_VERIFY, uid(id), parameters, bytes(Tag.DATA, data),
                        bytes(Tag.MAC_DATA, mac)).find(Tag.VALIDITY_INDICATOR))
                        .contains(enumeration(Tag.VALIDITY_INDICATOR, ValidityIndicator.VALID));
                mac[0] ^= 1;
                assertThat(kmip.ok(Operation.MAC_VERIFY, uid(id), parameters, bytes(Tag.DATA, data),
                        bytes(Tag.MAC_DATA, mac)).find(Tag.VALIDITY_INDICATOR))
                        .contains(enumeration(Tag.VALIDITY_INDICATOR, ValidityIndicator.INVALID));
            }
        }

        @Test
        void rngRetrieveAndHash() throws Exception {
            try (KmipConnection kmip = connect()) {
                byte[] random = Kmip.bytes(kmip.ok(Operation.RNG_RETRIEVE, integer(Tag.DATA_LENGTH, 48)), Tag.DATA);
                assertThat(random).hasSize(48);
                assertThat(reason(kmip.call(Operation.RNG_RETRIEVE, integer(Tag.DATA_LENGTH, 1 << 20))))
                        .isEqualTo(ResultReason.INVALID_FIELD);
                byte[] data = "hash me".getBytes(StandardCharsets.UTF_8);
                byte[] digest = Kmip.bytes(kmip.ok(Operation.HASH, cryptoParameters(enumeration(
                        Tag.HASHING_ALGORITHM, HashingAlgorithm.SHA_256)), bytes(Tag.DATA, data)), Tag.DATA);
                assertThat(digest).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            }
        }
    }

    @Nested
    class Batches {
        @Test
        void theIdPlaceholderCarriesACreatedKeyToTheNextItems() throws Exception {
            try (KmipConnection kmip = connect()) {
                List<Structure> items = kmip.batch(null,
                        item(Operation.CREATE, enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                                template(attribute("Cryptographic Algorithm", enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                                                CryptographicAlgorithm.AES)),
                                        attribute("Cryptographic Length", integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)))),
                        item(Operation.ACTIVATE),
                        item(Operation.GET_ATTRIBUTES, text(Tag.ATTRIBUTE_NAME, "State")));
                assertThat(items).hasSize(3).allSatisfy(i -> assertThat(status(i)).isEqualTo(ResultStatus.SUCCESS));
                Structure attributes = items.get(2).find(Tag.RESPONSE_PAYLOAD, Structure.class).orElseThrow();
                assertThat(Kmip.attributeValue(attributes, "State"))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.ACTIVE));
            }
        }

        @Test
        void stopEndsTheBatchAtTheFirstFailureAndContinueDoesNot() throws Exception {
            try (KmipConnection kmip = connect()) {
                KmipConnection.Item failing = item(Operation.GET, uid(UUID.randomUUID().toString()));
                KmipConnection.Item fine = item(Operation.RNG_RETRIEVE, integer(Tag.DATA_LENGTH, 8));
                List<Structure> stopped = kmip.batch(BatchErrorContinuationOption.STOP, fine, failing, fine);
                assertThat(stopped).extracting(KmipConnection::status)
                        .containsExactly(ResultStatus.SUCCESS, ResultStatus.OPERATION_FAILED);
                List<Structure> continued = kmip.batch(BatchErrorContinuationOption.CONTINUE, fine, failing, fine);
                assertThat(continued).extracting(KmipConnection::status).containsExactly(ResultStatus.SUCCESS,
                        ResultStatus.OPERATION_FAILED, ResultStatus.SUCCESS);
            }
        }
    }

    @Nested
    class BadInput {
        @Test
        void anUnknownOperationIsNotSupportedAndTheConnectionLives() throws Exception {
            try (KmipConnection kmip = connect()) {
                Structure item = kmip.call(Operation.ARCHIVE, uid(UUID.randomUUID().toString()));
                assertThat(reason(item)).isEqualTo(ResultReason.OPERATION_NOT_SUPPORTED);
                Structure extension = kmip.batch(null, item(Operation.QUERY)).getFirst();
                assertThat(status(extension)).isEqualTo(ResultStatus.SUCCESS);
            }
        }

        @Test
        void anotherProjectsKeyIsNotFound() throws Exception {
            String id;
            try (KmipConnection kmip = connect()) {
                id = createAes(kmip, "mine-" + UUID.randomUUID(), 128, ENCRYPT_DECRYPT);
            }
            try (KmipConnection other = connectAsOther()) {
                for (Operation operation : List.of(Operation.GET, Operation.GET_ATTRIBUTES, Operation.ACTIVATE,
                        Operation.DESTROY)) {
                    assertThat(reason(other.call(operation, uid(id)))).isEqualTo(ResultReason.ITEM_NOT_FOUND);
                }
                assertThat(other.ok(Operation.LOCATE).findAll(Tag.UNIQUE_IDENTIFIER)).doesNotContain(uid(id));
                assertThat(reason(other.call(Operation.GET, uid("not-a-uuid"))))
                        .isEqualTo(ResultReason.ITEM_NOT_FOUND);
                other.version(2, 1);
                assertThat(reason(other.call(Operation.GET, uid(id)))).isEqualTo(ResultReason.OBJECT_NOT_FOUND);
                assertThat(reason(other.call(Operation.GET, uid("not-a-uuid"))))
                        .isEqualTo(ResultReason.OBJECT_NOT_FOUND);
            }
        }

        @Test
        void malformedTtlvWithARequestHeaderGetsInvalidMessageThenTheConnectionCloses() throws Exception {
            try (KmipConnection kmip = connect()) {
                // A Request Message announcing 16 bytes that hold an item of unknown type 0xEE.
                byte[] message = ByteBuffer.allocate(24).put(new byte[]{0x42, 0x00, 0x78, 0x01}).putInt(16)
                        .put(new byte[]{0x42, 0x00, 0x77, (byte) 0xEE}).putInt(0).put(new byte[8]).array();
                Structure response = kmip.sendRaw(message).orElseThrow();
                Structure item = response.find(Tag.BATCH_ITEM, Structure.class).orElseThrow();
                assertThat(reason(item)).isEqualTo(ResultReason.INVALID_MESSAGE);
                assertThat(kmip.closedByServer()).isTrue();
            }
        }

        @Test
        void anOversizedMessageIsRefusedBeforeItsBodyIsRead() throws Exception {
            try (KmipConnection kmip = connect()) {
                byte[] header = ByteBuffer.allocate(8).put(new byte[]{0x42, 0x00, 0x78, 0x01})
                        .putInt(MAX_MESSAGE_BYTES * 4).array();
                Structure response = kmip.sendRaw(header).orElseThrow();
                assertThat(reason(response.find(Tag.BATCH_ITEM, Structure.class).orElseThrow()))
                        .isEqualTo(ResultReason.INVALID_MESSAGE);
                assertThat(kmip.closedByServer()).isTrue();
            }
        }

        @Test
        void bytesThatAreNoRequestCloseTheConnectionWithoutAnAnswer() throws Exception {
            try (KmipConnection kmip = connect()) {
                assertThat(kmip.sendRaw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
            }
        }

        @Test
        void aWellFormedMessageThatIsNoRequestGetsInvalidMessage() throws Exception {
            try (KmipConnection kmip = connect()) {
                Structure response = kmip.send(structure(Tag.REQUEST_MESSAGE, integer(Tag.BATCH_COUNT, 1)))
                        .orElseThrow();
                assertThat(reason(response.find(Tag.BATCH_ITEM, Structure.class).orElseThrow()))
                        .isIn(ResultReason.MISSING_DATA, ResultReason.INVALID_MESSAGE);
                assertThat(status(kmip.batch(null, item(Operation.QUERY)).getFirst()))
                        .isEqualTo(ResultStatus.SUCCESS);
            }
        }

        @Test
        void manyConcurrentConnectionsAreServedWhileOthersSendGarbage() throws Exception {
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<ResultStatus>> results = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    boolean garbage = i % 3 == 0;
                    results.add(pool.submit(() -> {
                        try (KmipConnection kmip = new KmipConnection(server.devClient(), server.kmipPort())) {
                            if (garbage) {
                                kmip.sendRaw(new byte[]{0x42, 0x00, 0x78, 0x01, 0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8});
                                return ResultStatus.SUCCESS;
                            }
                            ResultStatus last = null;
                            for (int call = 0; call < 5; call++) {
                                last = KmipConnection.status(kmip.call(Operation.RNG_RETRIEVE,
                                        integer(Tag.DATA_LENGTH, 16)));
                            }
                            return last;
                        }
                    }));
                }
                for (Future<ResultStatus> result : results) {
                    assertThat(result.get()).isEqualTo(ResultStatus.SUCCESS);
                }
            }
        }

        @Test
        void wrongItemTypesAreInvalidFields() throws Exception {
            try (KmipConnection kmip = connect()) {
                Structure item = kmip.call(Operation.GET, integer(Tag.UNIQUE_IDENTIFIER, 7));
                assertThat(reason(item)).isEqualTo(ResultReason.INVALID_FIELD);
            }
        }

        @Test
        void clientsWithoutACertificateOrWithAnUnmappedOneAreRefused() throws Exception {
            try (KmipConnection unmapped = new KmipConnection(server.unmappedClient(), server.kmipPort())) {
                assertThat(unmapped.sendRaw(TtlvBinary.encode(structure(Tag.REQUEST_MESSAGE)))).isEmpty();
            }
            assertThat(server.audit(20)).anySatisfy(event -> {
                assertThat(event.action()).isEqualTo(dev.donjon.server.domain.access.Action.AUTHENTICATE);
                assertThat(event.outcome()).isEqualTo(dev.donjon.server.domain.audit.AuditEvent.Outcome.FAILED);
                assertThat(event.actorUser()).isEqualTo(KmipTestServer.UNMAPPED_CN);
            });
            boolean refused;
            try (KmipConnection anonymous = new KmipConnection(server.anonymousClient(), server.kmipPort())) {
                refused = anonymous.sendRaw(TtlvBinary.encode(structure(Tag.REQUEST_MESSAGE))).isEmpty();
            } catch (java.io.IOException e) {
                refused = true;
            }
            assertThat(refused).isTrue();
        }
    }

    @Nested
    class OneStore {
        private final HttpClient http = HttpClient.newBuilder().sslContext(server.restTls())
                .version(HttpClient.Version.HTTP_1_1).build();

        private HttpRequest.Builder rest(String path) {
            return HttpRequest.newBuilder(URI.create(server.restUrl() + path))
                    .header("X-Project-Id", "dev").header("X-Roles", "admin").header("X-User-Id", "tester");
        }

        @Test
        void aKeyCreatedOverKmipIsASecretOverRest() throws Exception {
            String id;
            byte[] key;
            try (KmipConnection kmip = connect()) {
                id = createAes(kmip, "one-store-" + UUID.randomUUID(), 256, ENCRYPT_DECRYPT);
                key = keyMaterial(kmip.ok(Operation.GET, uid(id)), Tag.SYMMETRIC_KEY);
            }
            HttpResponse<byte[]> payload = http.send(rest("/v1/secrets/" + id + "/payload")
                    .header("Accept", "application/octet-stream").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(payload.statusCode()).isEqualTo(200);
            assertThat(payload.body()).isEqualTo(key);
            HttpResponse<String> metadata = http.send(rest("/v1/secrets/" + id).header("Accept", "application/json")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metadata.body()).contains("\"secret_type\":\"symmetric\"").contains("\"algorithm\":\"aes\"")
                    .contains("\"bit_length\":256");
        }

        @Test
        void aPemPrivateKeyStoredOverRestIsServedOverKmipAsPkcs8() throws Exception {
            KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            String pem = Pem.encode(rsa.getPrivate());
            String body = "{\"secret_type\": \"private\", \"algorithm\": \"rsa\", \"bit_length\": 2048, "
                    + "\"payload\": \"" + Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII))
                    + "\", \"payload_content_type\": \"application/octet-stream\", "
                    + "\"payload_content_encoding\": \"base64\"}";
            HttpResponse<String> created = http.send(rest("/v1/secrets").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            String ref = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body())
                    .get("secret_ref").asText();
            String id = ref.substring(ref.lastIndexOf('/') + 1);
            try (KmipConnection kmip = connect()) {
                Structure got = kmip.ok(Operation.GET, uid(id));
                assertThat(got.find(Tag.OBJECT_TYPE)).contains(enumeration(Tag.OBJECT_TYPE, ObjectType.PRIVATE_KEY));
                assertThat(keyMaterial(got, Tag.PRIVATE_KEY)).isEqualTo(rsa.getPrivate().getEncoded());
                // Usable for signing at once, as REST secrets carry no usage restriction.
                byte[] signature = Kmip.bytes(kmip.ok(Operation.SIGN, uid(id), cryptoParameters(enumeration(
                        Tag.DIGITAL_SIGNATURE_ALGORITHM, DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION)),
                        bytes(Tag.DATA, new byte[]{1})), Tag.SIGNATURE_DATA);
                Signature jca = Signature.getInstance("SHA256withRSA");
                jca.initVerify(rsa.getPublic());
                jca.update(new byte[]{1});
                assertThat(jca.verify(signature)).isTrue();
            }
        }

        @Test
        void aSecretStoredOverRestIsAnActiveKeyOverKmip() throws Exception {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            String body = "{\"name\": \"rest-key\", \"secret_type\": \"symmetric\", \"algorithm\": \"aes\", "
                    + "\"bit_length\": 256, \"mode\": \"gcm\", \"payload\": \"" + Base64.getEncoder().encodeToString(key)
                    + "\", \"payload_content_type\": \"application/octet-stream\", "
                    + "\"payload_content_encoding\": \"base64\"}";
            HttpResponse<String> created = http.send(rest("/v1/secrets").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            String ref = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body())
                    .get("secret_ref").asText();
            String id = ref.substring(ref.lastIndexOf('/') + 1);
            try (KmipConnection kmip = connect()) {
                Structure got = kmip.ok(Operation.GET, uid(id));
                assertThat(keyMaterial(got, Tag.SYMMETRIC_KEY)).isEqualTo(key);
                Structure attributes = kmip.ok(Operation.GET_ATTRIBUTES, uid(id));
                assertThat(Kmip.attributeValue(attributes, "State"))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.ACTIVE));
                assertThat(Kmip.attributeValue(attributes, "Cryptographic Algorithm"))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, CryptographicAlgorithm.AES));
                assertThat(kmip.ok(Operation.LOCATE, named("rest-key"))
                        .findAll(Tag.UNIQUE_IDENTIFIER)).contains(uid(id));
                // Usable at once: REST secrets have no usage restriction.
                assertThat(encryptGcm(kmip, id, new byte[]{1})).isNotEmpty();
            }
        }
    }
}
