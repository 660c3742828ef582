package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CertificateType;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.DigitalSignatureAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ProtectionStorageMask;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.State;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static dev.donjon.server.kmipserver.Kmip.attribute;
import static dev.donjon.server.kmipserver.Kmip.attributeOf;
import static dev.donjon.server.kmipserver.Kmip.bytes;
import static dev.donjon.server.kmipserver.Kmip.enumeration;
import static dev.donjon.server.kmipserver.Kmip.flag;
import static dev.donjon.server.kmipserver.Kmip.integer;
import static dev.donjon.server.kmipserver.Kmip.structure;
import static dev.donjon.server.kmipserver.Kmip.template;
import static dev.donjon.server.kmipserver.Kmip.text;
import static dev.donjon.server.kmipserver.Kmip.uid;
import static dev.donjon.server.kmipserver.Kmip.usageMask;
import static dev.donjon.server.kmipserver.KmipConnection.reason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attributes the server maintains itself (KMIP 1.4 §3, 2.1 §4): Sensitive and Extractable with their history,
 * Fresh, Lease Time, the 2.x identifiers, lifecycle dates that drive the state, and what a certificate says.
 */
class KmipAttributesTest extends KmipServerFixture {
    /** A 128-bit AES key with the given further attributes. */
    static String createAes(KmipConnection kmip, Structure... more) throws Exception {
        return Kmip.createAes(kmip, 128, more);
    }

    static void setFlag(KmipConnection kmip, String id, String name, boolean value) throws Exception {
        kmip.ok(Operation.MODIFY_ATTRIBUTE, uid(id), flag(name, value));
    }

    static boolean flagOf(KmipConnection kmip, String id, String name) throws Exception {
        return ((Ttlv.BooleanItem) attributeOf(kmip, id, name)).value();
    }

    static State stateOf(KmipConnection kmip, String id) throws Exception {
        return State.fromCode(((Ttlv.EnumerationItem) attributeOf(kmip, id, "State")).value()).orElseThrow();
    }

    static Structure activationDate(Instant date) {
        return attribute("Activation Date", new Ttlv.DateTimeItem(Tag.ACTIVATION_DATE, date));
    }

    static Structure deactivationDate(Instant date) {
        return attribute("Deactivation Date", new Ttlv.DateTimeItem(Tag.DEACTIVATION_DATE, date));
    }

    @Nested
    class SensitiveAndExtractable {
        @Test
        void aNewKeyIsNotSensitiveIsExtractableAndHasAlwaysBeenSo() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip);
                assertThat(flagOf(kmip, id, "Sensitive")).isFalse();
                assertThat(flagOf(kmip, id, "Always Sensitive")).isFalse();
                assertThat(flagOf(kmip, id, "Extractable")).isTrue();
                assertThat(flagOf(kmip, id, "Never Extractable")).isFalse();
            }
        }

        @Test
        void aKeyThatIsNotExtractableIsNeverServedAndNeverExtractableRemembersItWasOnceAllowed() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip, flag("Extractable", false));
                assertThat(flagOf(kmip, id, "Never Extractable")).isTrue();
                assertThat(reason(kmip.call(Operation.GET, uid(id)))).isEqualTo(ResultReason.NOT_EXTRACTABLE);

                setFlag(kmip, id, "Extractable", true);
                assertThat(kmip.ok(Operation.GET, uid(id)).find(Tag.SYMMETRIC_KEY)).isPresent();
                setFlag(kmip, id, "Extractable", false);
                assertThat(flagOf(kmip, id, "Never Extractable")).isFalse();
                assertThat(reason(kmip.call(Operation.GET, uid(id)))).isEqualTo(ResultReason.NOT_EXTRACTABLE);
            }
        }

        @Test
        void aSensitiveKeyIsOnlyServedWrappedAndAlwaysSensitiveRemembersItOnceWasNot() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip, flag("Sensitive", true));
                String kek = createAes(kmip, usageMask(CryptographicUsageMask.WRAP_KEY.code()));
                kmip.ok(Operation.ACTIVATE, uid(kek));
                assertThat(flagOf(kmip, id, "Always Sensitive")).isTrue();
                assertThat(reason(kmip.call(Operation.GET, uid(id)))).isEqualTo(ResultReason.SENSITIVE);

                Structure wrapped = kmip.ok(Operation.GET, uid(id), structure(Tag.KEY_WRAPPING_SPECIFICATION,
                        enumeration(Tag.WRAPPING_METHOD, dev.donjon.kmip.enums.WrappingMethod.ENCRYPT),
                        structure(Tag.ENCRYPTION_KEY_INFORMATION, uid(kek))));
                Structure keyBlock = wrapped.find(Tag.SYMMETRIC_KEY, Structure.class).orElseThrow()
                        .find(Tag.KEY_BLOCK, Structure.class).orElseThrow();
                assertThat(keyBlock.find(Tag.KEY_WRAPPING_DATA)).isPresent();

                setFlag(kmip, id, "Sensitive", false);
                assertThat(kmip.ok(Operation.GET, uid(id)).find(Tag.SYMMETRIC_KEY)).isPresent();
                setFlag(kmip, id, "Sensitive", true);
                assertThat(flagOf(kmip, id, "Always Sensitive")).isFalse();
            }
        }

        @Test
        void clientsCannotDeleteThemNorSetTheirHistory() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip);
                assertThat(reason(kmip.call(Operation.DELETE_ATTRIBUTE, uid(id),
                        Kmip.text(Tag.ATTRIBUTE_NAME, "Sensitive")))).isEqualTo(ResultReason.PERMISSION_DENIED);
                assertThat(reason(kmip.call(Operation.MODIFY_ATTRIBUTE, uid(id), flag("Always Sensitive", true))))
                        .isEqualTo(ResultReason.PERMISSION_DENIED);
                assertThat(flagOf(kmip, id, "Sensitive")).isFalse();
            }
        }
    }

    @Nested
    class Fresh {
        @Test
        void aKeyIsFreshUntilItsKeyMaterialIsFirstServed() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip);
                assertThat(flagOf(kmip, id, "Fresh")).isTrue();
                kmip.ok(Operation.GET_ATTRIBUTES, uid(id));
                assertThat(flagOf(kmip, id, "Fresh")).as("reading attributes serves no key material").isTrue();
                kmip.ok(Operation.GET, uid(id));
                assertThat(flagOf(kmip, id, "Fresh")).isFalse();
            }
        }

        @Test
        void aRefusedGetLeavesTheKeyFresh() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip, flag("Extractable", false));
                kmip.call(Operation.GET, uid(id));
                assertThat(flagOf(kmip, id, "Fresh")).isTrue();
            }
        }

        @Test
        void aReplacementKeyIsFreshAgainAndCarriesTheLeaseTime() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip);
                kmip.ok(Operation.GET, uid(id));
                String replacement = text(kmip.ok(Operation.RE_KEY, uid(id)), Tag.UNIQUE_IDENTIFIER);
                assertThat(flagOf(kmip, replacement, "Fresh")).isTrue();
                assertThat(attributeOf(kmip, replacement, "Lease Time"))
                        .isEqualTo(new Ttlv.IntervalItem(Tag.ATTRIBUTE_VALUE, 3600));
            }
        }
    }

    @Nested
    class Kmip2Identifiers {
        @Test
        void kmip2ListsTheShortUniqueIdentifierKeyFormatTypeAndProtectionStorageMaskWhichKmip1CannotName()
                throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip);
                List<String> v1Names = Kmip.texts(kmip.ok(Operation.GET_ATTRIBUTE_LIST, uid(id)),
                        Tag.ATTRIBUTE_NAME);
                assertThat(v1Names).contains("Fresh", "Lease Time", "Sensitive", "Always Sensitive", "Extractable",
                        "Never Extractable").doesNotContain("Short Unique Identifier", "Key Format Type");

                kmip.version(2, 1);
                Structure attributes = kmip.ok(Operation.GET_ATTRIBUTES, uid(id))
                        .find(Tag.ATTRIBUTES, Structure.class).orElseThrow();
                assertThat(bytes(attributes, Tag.SHORT_UNIQUE_IDENTIFIER)).isEqualTo(MessageDigest
                        .getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
                assertThat(attributes.find(Tag.KEY_FORMAT_TYPE))
                        .contains(new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW));
                assertThat(attributes.find(Tag.PROTECTION_STORAGE_MASK)).contains(new Ttlv.IntegerItem(
                        Tag.PROTECTION_STORAGE_MASK, ProtectionStorageMask.SOFTWARE.code()));
            }
        }
    }

    @Nested
    class LifecycleDates {
        @Test
        void datesGivenAtRegisterThatHavePassedLeaveTheObjectDeactivated() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = registerAes(kmip,
                        activationDate(Instant.parse("2000-02-01T14:00:00Z")),
                        deactivationDate(Instant.parse("2000-02-02T14:00:00Z")));
                assertThat(stateOf(kmip, id)).isEqualTo(State.DEACTIVATED);
            }
        }

        @Test
        void anActiveKeyBecomesDeactivatedWhenItsDeactivationDateIsReached() throws Exception {
            try (KmipConnection kmip = connect()) {
                Instant soon = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
                String id = createAes(kmip, deactivationDate(soon));
                kmip.ok(Operation.ACTIVATE, uid(id));
                assertThat(stateOf(kmip, id)).isEqualTo(State.ACTIVE);
                Thread.sleep(Duration.between(Instant.now(), soon).plusMillis(200).toMillis());
                assertThat(stateOf(kmip, id)).isEqualTo(State.DEACTIVATED);
            }
        }

        @Test
        void moveTheActivationDateWhilePreActiveAndTheDeactivationDateWhileActive() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip);
                Instant later = Instant.parse("2040-01-01T00:00:00Z");
                kmip.ok(Operation.ADD_ATTRIBUTE, uid(id), activationDate(later));
                assertThat(stateOf(kmip, id)).isEqualTo(State.PRE_ACTIVE);
                // A date already passed takes effect at once (KMIP 2.1 §4.57, transition 4).
                kmip.ok(Operation.MODIFY_ATTRIBUTE, uid(id), activationDate(Instant.parse("2020-01-01T00:00:00Z")));
                assertThat(stateOf(kmip, id)).isEqualTo(State.ACTIVE);
                assertThat(reason(kmip.call(Operation.MODIFY_ATTRIBUTE, uid(id), activationDate(later))))
                        .isEqualTo(ResultReason.PERMISSION_DENIED);

                kmip.ok(Operation.ADD_ATTRIBUTE, uid(id), deactivationDate(later));
                assertThat(stateOf(kmip, id)).isEqualTo(State.ACTIVE);
                kmip.ok(Operation.MODIFY_ATTRIBUTE, uid(id), deactivationDate(Instant.parse("2021-01-01T00:00:00Z")));
                assertThat(stateOf(kmip, id)).isEqualTo(State.DEACTIVATED);
            }
        }

        @Test
        void reKeyWithAPositiveOffsetSchedulesTheReplacementAndShiftsItsDeactivationDate() throws Exception {
            try (KmipConnection kmip = connect()) {
                Instant deactivation = Instant.parse("2040-01-01T00:00:00Z");
                String existing = createAes(kmip, deactivationDate(deactivation));
                kmip.ok(Operation.ACTIVATE, uid(existing));
                Instant activated = KmipKeyManagementTest.date(kmip.ok(Operation.GET_ATTRIBUTES, uid(existing)),
                        "Activation Date").truncatedTo(ChronoUnit.SECONDS);
                Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                String replacement = text(kmip.ok(Operation.RE_KEY, uid(existing),
                        new Ttlv.IntervalItem(Tag.OFFSET, 3600)), Tag.UNIQUE_IDENTIFIER);

                Structure renewed = kmip.ok(Operation.GET_ATTRIBUTES, uid(replacement));
                Instant activation = KmipKeyManagementTest.date(renewed, "Activation Date");
                assertThat(activation).isBetween(before.plusSeconds(3600), Instant.now().plusSeconds(3600));
                assertThat(KmipKeyManagementTest.date(renewed, "Deactivation Date"))
                        .isEqualTo(deactivation.plus(Duration.between(activated, activation)));
                assertThat(stateOf(kmip, replacement)).isEqualTo(State.PRE_ACTIVE);
            }
        }
    }

    @Nested
    class ObjectsTheServerReads {
        @Test
        void anOpaqueObjectKeepsItsOpaqueDataType() throws Exception {
            try (KmipConnection kmip = connect()) {
                int dataType = 0x80123456;
                String id = text(kmip.ok(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, ObjectType.OPAQUE_OBJECT),
                        template(), structure(Tag.OPAQUE_OBJECT,
                                new Ttlv.EnumerationItem(Tag.OPAQUE_DATA_TYPE, dataType),
                                Kmip.bytes(Tag.OPAQUE_DATA_VALUE, new byte[]{1, 2, 3}))), Tag.UNIQUE_IDENTIFIER);
                Structure opaque = kmip.ok(Operation.GET, uid(id)).find(Tag.OPAQUE_OBJECT, Structure.class)
                        .orElseThrow();
                assertThat(opaque.find(Tag.OPAQUE_DATA_TYPE))
                        .contains(new Ttlv.EnumerationItem(Tag.OPAQUE_DATA_TYPE, dataType));
            }
        }

        @Test
        void aRegisteredCertificateIsDescribedByWhatItSays() throws Exception {
            X509Certificate certificate = certificate("C=FR,O=Donjon,OU=Keys,CN=attributes.example",
                    "C=FR,O=Donjon CA,CN=Donjon Test CA");
            byte[] der = certificate.getEncoded();
            try (KmipConnection kmip = connect()) {
                kmip.version(2, 1);
                String id = text(kmip.ok(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, ObjectType.CERTIFICATE),
                        structure(Tag.ATTRIBUTES), structure(Tag.CERTIFICATE,
                                enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509),
                                Kmip.bytes(Tag.CERTIFICATE_VALUE, der))), Tag.UNIQUE_IDENTIFIER);
                Structure attributes = kmip.ok(Operation.GET_ATTRIBUTES, uid(id))
                        .find(Tag.ATTRIBUTES, Structure.class).orElseThrow();
                assertThat(attributes.find(Tag.CERTIFICATE_TYPE))
                        .contains(new Ttlv.EnumerationItem(Tag.CERTIFICATE_TYPE, CertificateType.X_509));
                assertThat(attributes.find(Tag.CERTIFICATE_LENGTH))
                        .contains(new Ttlv.IntegerItem(Tag.CERTIFICATE_LENGTH, der.length));
                assertThat(attributes.find(Tag.DIGITAL_SIGNATURE_ALGORITHM)).contains(new Ttlv.EnumerationItem(
                        Tag.DIGITAL_SIGNATURE_ALGORITHM, DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION));
                assertThat(attributes.find(Tag.CRYPTOGRAPHIC_ALGORITHM))
                        .contains(new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.RSA));
                assertThat(attributes.find(Tag.CRYPTOGRAPHIC_LENGTH))
                        .contains(new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, 2048));
                assertThat(Kmip.texts(attributes, Tag.CERTIFICATE_SUBJECT_CN)).containsExactly("attributes.example");
                assertThat(Kmip.texts(attributes, Tag.CERTIFICATE_SUBJECT_OU)).containsExactly("Keys");
                assertThat(Kmip.texts(attributes, Tag.CERTIFICATE_ISSUER_O)).containsExactly("Donjon CA");
                assertThat(Kmip.texts(attributes, Tag.CERTIFICATE_ISSUER_C)).containsExactly("FR");
                Structure identifier = attributes.find(Tag.X_509_CERTIFICATE_IDENTIFIER, Structure.class)
                        .orElseThrow();
                assertThat(bytes(identifier, Tag.ISSUER_DISTINGUISHED_NAME))
                        .isEqualTo(certificate.getIssuerX500Principal().getEncoded());
                assertThat(new BigInteger(bytes(identifier, Tag.CERTIFICATE_SERIAL_NUMBER)))
                        .isEqualTo(certificate.getSerialNumber());
                Structure subject = attributes.find(Tag.X_509_CERTIFICATE_SUBJECT, Structure.class).orElseThrow();
                assertThat(bytes(subject, Tag.SUBJECT_DISTINGUISHED_NAME))
                        .isEqualTo(certificate.getSubjectX500Principal().getEncoded());

                // Set by the server from the certificate: a client cannot change them.
                assertThat(reason(kmip.call(Operation.MODIFY_ATTRIBUTE, uid(id), structure(Tag.NEW_ATTRIBUTE,
                        integer(Tag.CERTIFICATE_LENGTH, 1))))).isEqualTo(ResultReason.ATTRIBUTE_READ_ONLY);
            }
        }

        @Test
        void kmip1NamesTheDeprecatedAttributesAndKmip2TheNameComponents() throws Exception {
            X509Certificate certificate = certificate("CN=v1.example", "CN=v1 CA");
            try (KmipConnection kmip = connect()) {
                String id = text(kmip.ok(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, ObjectType.CERTIFICATE),
                        template(), structure(Tag.CERTIFICATE,
                                enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509),
                                Kmip.bytes(Tag.CERTIFICATE_VALUE, certificate.getEncoded()))), Tag.UNIQUE_IDENTIFIER);
                List<String> names = Kmip.texts(kmip.ok(Operation.GET_ATTRIBUTE_LIST, uid(id)), Tag.ATTRIBUTE_NAME);
                assertThat(names).contains("Certificate Type", "Certificate Length", "Digital Signature Algorithm",
                        "X.509 Certificate Identifier", "X.509 Certificate Subject", "X.509 Certificate Issuer",
                        "Certificate Identifier", "Certificate Subject", "Certificate Issuer")
                        .doesNotContain("Certificate Subject CN");
                Structure identifier = (Structure) attributeOf(kmip, id, "Certificate Identifier");
                assertThat(text(identifier, Tag.ISSUER)).isEqualTo("CN=v1 CA");
                assertThat(text(identifier, Tag.SERIAL_NUMBER)).isEqualTo(certificate.getSerialNumber().toString());

                kmip.version(2, 1);
                List<Ttlv> references = kmip.ok(Operation.GET_ATTRIBUTE_LIST, uid(id)).findAll(
                        Tag.ATTRIBUTE_REFERENCE);
                assertThat(references).contains(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_REFERENCE,
                        Tag.CERTIFICATE_SUBJECT_CN.code())).doesNotContain(new Ttlv.EnumerationItem(
                        Tag.ATTRIBUTE_REFERENCE, Tag.CERTIFICATE_IDENTIFIER.code()));
            }
        }
    }

    static String registerAes(KmipConnection kmip, Structure... attributes) throws Exception {
        byte[] key = HexFormat.of().parseHex(UUID.randomUUID().toString().replace("-", ""));
        return text(kmip.ok(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                template(attributes), structure(Tag.SYMMETRIC_KEY, structure(Tag.KEY_BLOCK,
                        enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
                        structure(Tag.KEY_VALUE, Kmip.bytes(Tag.KEY_MATERIAL, key)),
                        enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                        integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)))), Tag.UNIQUE_IDENTIFIER);
    }

    /** A certificate for a fresh RSA 2048 key, signed with SHA-256 by another fresh key. */
    static X509Certificate certificate(String subject, String issuer) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair subjectKey = generator.generateKeyPair();
        KeyPair issuerKey = generator.generateKeyPair();
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), subjectKey.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey.getPrivate())));
    }

    /** Only a replica import names an object's owner server (docs/replication.md); no client may claim one. */
    @Nested
    class OwnerServer {
        @Test
        void noClientNamesTheOwnerWhenCreatingOrLater() throws Exception {
            try (KmipConnection kmip = connect()) {
                Structure owner = attribute("x-donjon-owner", text(Tag.ATTRIBUTE_VALUE, "another-server"));
                KmipConnection.Item create = Kmip.createAes(128, owner);
                Structure created = kmip.call(create.operation(), create.payload().toArray(Ttlv[]::new));
                assertThat(reason(created)).isEqualTo(ResultReason.PERMISSION_DENIED);
                assertThat(created.find(Tag.RESULT_MESSAGE, Ttlv.TextItem.class).orElseThrow().value())
                        .contains("x-donjon-owner is set by replication only");

                String id = createAes(kmip);
                Structure added = kmip.call(Operation.ADD_ATTRIBUTE, uid(id), owner);
                assertThat(reason(added)).isEqualTo(ResultReason.PERMISSION_DENIED);
                kmip.ok(Operation.ACTIVATE, uid(id));
            }
        }
    }
}
