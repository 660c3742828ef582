package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.LinkType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.enums.UsageLimitsUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.donjon.server.kmipserver.Kmip.ENCRYPT_DECRYPT;
import static dev.donjon.server.kmipserver.Kmip.attribute;
import static dev.donjon.server.kmipserver.Kmip.attributeOf;
import static dev.donjon.server.kmipserver.Kmip.enumeration;
import static dev.donjon.server.kmipserver.Kmip.integer;
import static dev.donjon.server.kmipserver.Kmip.name;
import static dev.donjon.server.kmipserver.Kmip.named;
import static dev.donjon.server.kmipserver.Kmip.structure;
import static dev.donjon.server.kmipserver.Kmip.template;
import static dev.donjon.server.kmipserver.Kmip.text;
import static dev.donjon.server.kmipserver.Kmip.uid;
import static dev.donjon.server.kmipserver.Kmip.usageMask;
import static dev.donjon.server.kmipserver.KmipConnection.reason;
import static org.assertj.core.api.Assertions.assertThat;

/** Key management beyond create and get over real mutual TLS: Re-key, Re-key Key Pair. */
class KmipKeyManagementTest extends KmipServerFixture {
    /** A named 256-bit AES key for encryption and decryption, with the given further attributes. */
    static String createAes(KmipConnection kmip, String keyName, Structure... more) throws Exception {
        return Kmip.createAes(kmip, 256, Stream.concat(Stream.of(usageMask(ENCRYPT_DECRYPT), named(keyName)),
                Stream.of(more)).toArray(Structure[]::new));
    }

    /** Every value of the named 1.x attribute. */
    static List<Ttlv> values(Structure attributes, String name) {
        List<Ttlv> out = new ArrayList<>();
        for (Ttlv item : attributes.findAll(Tag.ATTRIBUTE)) {
            Structure attribute = (Structure) item;
            if (text(attribute, Tag.ATTRIBUTE_NAME).equals(name)) {
                out.add(attribute.find(Tag.ATTRIBUTE_VALUE).orElseThrow());
            }
        }
        return out;
    }

    static Ttlv link(LinkType type, String target) {
        return new Structure(Tag.ATTRIBUTE_VALUE, enumeration(Tag.LINK_TYPE, type),
                new Ttlv.TextItem(Tag.LINKED_OBJECT_IDENTIFIER, target));
    }

    static Instant date(Structure attributes, String name) {
        return ((Ttlv.DateTimeItem) Kmip.attributeValue(attributes, name)).value();
    }

    @Nested
    class ReKey {
        @Test
        void theReplacementTakesTheNamesAndAttributesAndTheKeysLinkEachOther() throws Exception {
            try (KmipConnection kmip = connect()) {
                String keyName = "rekey-" + UUID.randomUUID();
                Instant protectStop = Instant.parse("2040-01-01T00:00:00Z");
                String existing = createAes(kmip, keyName,
                        attribute("Protect Stop Date", new Ttlv.DateTimeItem(Tag.PROTECT_STOP_DATE, protectStop)),
                        attribute("Usage Limits", structure(Tag.USAGE_LIMITS,
                                new Ttlv.LongItem(Tag.USAGE_LIMITS_TOTAL, 10),
                                enumeration(Tag.USAGE_LIMITS_UNIT, UsageLimitsUnit.OBJECT))));
                kmip.ok(Operation.ACTIVATE, uid(existing));
                Structure before = kmip.ok(Operation.GET_ATTRIBUTES, uid(existing));

                String replacement = text(kmip.ok(Operation.RE_KEY, uid(existing)), Tag.UNIQUE_IDENTIFIER);
                assertThat(replacement).isNotEqualTo(existing);
                assertThat(KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(replacement)), Tag.SYMMETRIC_KEY))
                        .hasSize(32).isNotEqualTo(KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(existing)),
                                Tag.SYMMETRIC_KEY));

                Structure renewed = kmip.ok(Operation.GET_ATTRIBUTES, uid(replacement));
                assertThat(values(renewed, "Name")).containsExactly(Kmip.attributeValue(before, "Name"));
                assertThat(values(renewed, "Link")).containsExactly(link(LinkType.REPLACED_OBJECT_LINK, existing));
                assertThat(Kmip.attributeValue(renewed, "State"))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.ACTIVE));
                // Without an Offset the dates are copied.
                assertThat(date(renewed, "Activation Date")).isEqualTo(date(before, "Activation Date"));
                assertThat(date(renewed, "Protect Stop Date")).isEqualTo(protectStop);
                assertThat(Kmip.attributeValue(renewed, "Cryptographic Usage Mask"))
                        .isEqualTo(integer(Tag.ATTRIBUTE_VALUE, ENCRYPT_DECRYPT));
                Structure limits = (Structure) Kmip.attributeValue(renewed, "Usage Limits");
                assertThat(limits.find(Tag.USAGE_LIMITS_COUNT))
                        .contains(new Ttlv.LongItem(Tag.USAGE_LIMITS_COUNT, 10));
                assertThat(Kmip.attributeValue(renewed, "Digest"))
                        .isNotEqualTo(Kmip.attributeValue(before, "Digest"));

                Structure old = kmip.ok(Operation.GET_ATTRIBUTES, uid(existing));
                assertThat(values(old, "Name")).isEmpty();
                assertThat(values(old, "Link")).containsExactly(link(LinkType.REPLACEMENT_OBJECT_LINK, replacement));
                Structure located = kmip.ok(Operation.LOCATE, named(keyName));
                assertThat(located.findAll(Tag.UNIQUE_IDENTIFIER)).containsExactly(uid(replacement));
            }
        }

        @Test
        void anOffsetMovesTheActivationAndTheOtherDatesWithIt() throws Exception {
            try (KmipConnection kmip = connect()) {
                Instant processStart = Instant.parse("2020-01-01T00:00:00Z");
                String existing = createAes(kmip, "offset-" + UUID.randomUUID(),
                        attribute("Process Start Date", new Ttlv.DateTimeItem(Tag.PROCESS_START_DATE,
                                processStart)));
                kmip.ok(Operation.ACTIVATE, uid(existing));
                Instant activated = date(kmip.ok(Operation.GET_ATTRIBUTES, uid(existing)), "Activation Date");
                String replacement = text(kmip.ok(Operation.RE_KEY, uid(existing),
                        new Ttlv.IntervalItem(Tag.OFFSET, 0)), Tag.UNIQUE_IDENTIFIER);
                Structure renewed = kmip.ok(Operation.GET_ATTRIBUTES, uid(replacement));
                Instant activation = date(renewed, "Activation Date");
                assertThat(activation).isAfterOrEqualTo(activated.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                assertThat(date(renewed, "Process Start Date")).isEqualTo(
                        processStart.plus(java.time.Duration.between(activated, activation)));
                assertThat(Kmip.attributeValue(renewed, "State"))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.ACTIVE));

                // An activation in the future leaves the replacement pre-active.
                String later = text(kmip.ok(Operation.RE_KEY, uid(replacement),
                        new Ttlv.IntervalItem(Tag.OFFSET, 3600)), Tag.UNIQUE_IDENTIFIER);
                assertThat(Kmip.attributeValue(kmip.ok(Operation.GET_ATTRIBUTES, uid(later)), "State"))
                        .isEqualTo(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.PRE_ACTIVE));
            }
        }

        @Test
        void kmip2AttributesOverrideTheCopiedOnesAndThePlaceholderCarriesTheReplacement() throws Exception {
            try (KmipConnection kmip = connect()) {
                String existing = createAes(kmip, "rekey2-" + UUID.randomUUID());
                kmip.version(2, 1);
                List<Structure> items = kmip.batch(dev.donjon.kmip.enums.BatchErrorContinuationOption.STOP,
                        KmipConnection.item(Operation.RE_KEY, uid(existing), structure(Tag.ATTRIBUTES,
                                integer(Tag.CRYPTOGRAPHIC_LENGTH, 128))),
                        KmipConnection.item(Operation.GET));
                Structure got = items.get(1).find(Tag.RESPONSE_PAYLOAD, Structure.class).orElseThrow();
                assertThat(KmipServerTest.keyMaterial(got, Tag.SYMMETRIC_KEY)).hasSize(16);
                String replacement = text(items.get(0).find(Tag.RESPONSE_PAYLOAD, Structure.class).orElseThrow(),
                        Tag.UNIQUE_IDENTIFIER);
                assertThat(text(got, Tag.UNIQUE_IDENTIFIER)).isEqualTo(replacement);
            }
        }

        @Test
        void onlySymmetricKeysThatStillExistAreReKeyed() throws Exception {
            try (KmipConnection kmip = connect()) {
                Structure pair = createEcPair(kmip, "pair-" + UUID.randomUUID());
                // Invalid Object Type is 2.0's: a 1.4 client gets the nearest reason its version defines.
                assertThat(reason(kmip.call(Operation.RE_KEY, uid(text(pair, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER)))))
                        .isEqualTo(ResultReason.INVALID_FIELD);
                String destroyed = createAes(kmip, "gone-" + UUID.randomUUID());
                kmip.ok(Operation.DESTROY, uid(destroyed));
                assertThat(reason(kmip.call(Operation.RE_KEY, uid(destroyed))))
                        .isEqualTo(ResultReason.PERMISSION_DENIED);
                assertThat(reason(kmip.call(Operation.RE_KEY, uid(UUID.randomUUID().toString()))))
                        .isEqualTo(ResultReason.ITEM_NOT_FOUND);
            }
        }
    }

    Structure createEcPair(KmipConnection kmip, String keyName) throws Exception {
        return kmip.ok(Operation.CREATE_KEY_PAIR, structure(Tag.COMMON_TEMPLATE_ATTRIBUTE,
                        attribute("Cryptographic Algorithm", enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                                CryptographicAlgorithm.EC)),
                        attribute("Cryptographic Length", integer(Tag.CRYPTOGRAPHIC_LENGTH, 256))),
                structure(Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE, usageMask(CryptographicUsageMask.SIGN.code()),
                        named(keyName)),
                structure(Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE, usageMask(CryptographicUsageMask.VERIFY.code())));
    }

    @Nested
    class ReKeyKeyPair {
        @Test
        void bothHalvesAreReplacedAndLinked() throws Exception {
            try (KmipConnection kmip = connect()) {
                String keyName = "pair-" + UUID.randomUUID();
                Structure pair = createEcPair(kmip, keyName);
                String privateId = text(pair, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
                String publicId = text(pair, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
                Structure renewed = kmip.ok(Operation.RE_KEY_KEY_PAIR,
                        new Ttlv.TextItem(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, privateId));
                String newPrivate = text(renewed, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
                String newPublic = text(renewed, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);

                Structure privateAttributes = kmip.ok(Operation.GET_ATTRIBUTES, uid(newPrivate));
                assertThat(values(privateAttributes, "Link")).containsExactlyInAnyOrder(
                        link(LinkType.REPLACED_OBJECT_LINK, privateId), link(LinkType.PUBLIC_KEY_LINK, newPublic));
                assertThat(values(privateAttributes, "Name")).containsExactly(new Structure(Tag.ATTRIBUTE_VALUE,
                        new Ttlv.TextItem(Tag.NAME_VALUE, keyName), enumeration(Tag.NAME_TYPE,
                                dev.donjon.kmip.enums.NameType.UNINTERPRETED_TEXT_STRING)));
                assertThat(Kmip.attributeValue(privateAttributes, "Cryptographic Usage Mask"))
                        .isEqualTo(integer(Tag.ATTRIBUTE_VALUE, CryptographicUsageMask.SIGN.code()));
                Structure publicAttributes = kmip.ok(Operation.GET_ATTRIBUTES, uid(newPublic));
                assertThat(values(publicAttributes, "Link")).containsExactlyInAnyOrder(
                        link(LinkType.REPLACED_OBJECT_LINK, publicId), link(LinkType.PRIVATE_KEY_LINK, newPrivate));
                assertThat(values(kmip.ok(Operation.GET_ATTRIBUTES, uid(privateId)), "Link")).contains(
                        link(LinkType.REPLACEMENT_OBJECT_LINK, newPrivate));
                assertThat(values(kmip.ok(Operation.GET_ATTRIBUTES, uid(publicId)), "Link")).contains(
                        link(LinkType.REPLACEMENT_OBJECT_LINK, newPublic));
                assertThat(KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(newPublic)), Tag.PUBLIC_KEY))
                        .isNotEqualTo(KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(publicId)),
                                Tag.PUBLIC_KEY));

                String symmetric = createAes(kmip, "not-a-pair-" + UUID.randomUUID());
                assertThat(reason(kmip.call(Operation.RE_KEY_KEY_PAIR,
                        new Ttlv.TextItem(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, symmetric))))
                        .isEqualTo(ResultReason.INVALID_FIELD);
            }
        }
    }

    @Nested
    class Locate {
        @Test
        void kmip2NamesMayHoldWildcardsWhileKmip1NamesAreExact() throws Exception {
            try (KmipConnection kmip = connect()) {
                String stem = "wild-" + UUID.randomUUID();
                String a = createAes(kmip, stem + "-a");
                String b = createAes(kmip, stem + "-b");
                createAes(kmip, stem.toUpperCase() + "-c");
                assertThat(kmip.ok(Operation.LOCATE, named(stem + "-*"))
                        .findAll(Tag.UNIQUE_IDENTIFIER)).isEmpty();
                kmip.version(2, 1);
                assertThat(kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES, name(stem + "-*")))
                        .findAll(Tag.UNIQUE_IDENTIFIER)).containsExactly(uid(b), uid(a));
                assertThat(kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES, name(stem + "-?")))
                        .findAll(Tag.UNIQUE_IDENTIFIER)).containsExactly(uid(b), uid(a));
                assertThat(kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES, name(stem + "-\\*")))
                        .findAll(Tag.UNIQUE_IDENTIFIER)).isEmpty();
                // A leading wild-card walks the project's names (never its secrets).
                assertThat(kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES, name("*" + stem.substring(4) + "-a")))
                        .findAll(Tag.UNIQUE_IDENTIFIER)).containsExactly(uid(a));
            }
        }

        @Test
        void destroyedObjectsAreFoundOnlyWhenTheStateOrTheStorageStatusMaskAsksForThem() throws Exception {
            try (KmipConnection kmip = connect()) {
                String keyName = "destroyed-" + UUID.randomUUID();
                String gone = createAes(kmip, keyName);
                kmip.ok(Operation.DESTROY, uid(gone));
                // A destroyed object's name is free again (names are unique among live objects).
                String live = createAes(kmip, keyName);
                assertThat(kmip.ok(Operation.LOCATE, named(keyName))
                        .findAll(Tag.UNIQUE_IDENTIFIER)).containsExactly(uid(live));
                assertThat(kmip.ok(Operation.LOCATE, named(keyName),
                        attribute("State", enumeration(Tag.STATE, State.DESTROYED)))
                        .findAll(Tag.UNIQUE_IDENTIFIER)).containsExactly(uid(gone));
                assertThat(kmip.ok(Operation.LOCATE, attribute("Unique Identifier",
                        new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, gone))).findAll(Tag.UNIQUE_IDENTIFIER)).isEmpty();
                kmip.version(2, 1);
                assertThat(kmip.ok(Operation.LOCATE, integer(Tag.STORAGE_STATUS_MASK, 4),
                        structure(Tag.ATTRIBUTES, name(keyName))).findAll(Tag.UNIQUE_IDENTIFIER))
                        .containsExactly(uid(gone));
                assertThat(kmip.ok(Operation.LOCATE, integer(Tag.STORAGE_STATUS_MASK, 5),
                        structure(Tag.ATTRIBUTES, name(keyName))).findAll(Tag.UNIQUE_IDENTIFIER))
                        .containsExactly(uid(live), uid(gone));
                assertThat(kmip.ok(Operation.LOCATE, integer(Tag.STORAGE_STATUS_MASK, 1),
                        structure(Tag.ATTRIBUTES, name(keyName))).findAll(Tag.UNIQUE_IDENTIFIER))
                        .containsExactly(uid(live));
                // Donjon archives nothing: an archival-only search finds nothing, and says so when counting.
                Structure archived = kmip.ok(Operation.LOCATE, integer(Tag.STORAGE_STATUS_MASK, 2),
                        integer(Tag.MAXIMUM_ITEMS, 10), structure(Tag.ATTRIBUTES, name(keyName)));
                assertThat(archived.findAll(Tag.UNIQUE_IDENTIFIER)).isEmpty();
                assertThat(archived.find(Tag.LOCATED_ITEMS)).contains(integer(Tag.LOCATED_ITEMS, 0));
                assertThat(kmip.ok(Operation.LOCATE, integer(Tag.STORAGE_STATUS_MASK, 4),
                        structure(Tag.ATTRIBUTES, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, gone)))
                        .findAll(Tag.UNIQUE_IDENTIFIER)).containsExactly(uid(gone));
            }
        }
    }

    @Nested
    class LeasesAndAllocations {
        @Test
        void obtainLeaseGrantsTheConfiguredTimeAndTheLastChangeDate() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip, "lease-" + UUID.randomUUID());
                Structure lease = kmip.ok(Operation.OBTAIN_LEASE, uid(id));
                assertThat(text(lease, Tag.UNIQUE_IDENTIFIER)).isEqualTo(id);
                assertThat(lease.find(Tag.LEASE_TIME)).contains(new Ttlv.IntervalItem(Tag.LEASE_TIME, 3600));
                assertThat(lease.find(Tag.LAST_CHANGE_DATE, Ttlv.DateTimeItem.class).orElseThrow().value())
                        .isEqualTo(date(kmip.ok(Operation.GET_ATTRIBUTES, uid(id)), "Last Change Date"));
                kmip.ok(Operation.DESTROY, uid(id));
                assertThat(reason(kmip.call(Operation.OBTAIN_LEASE, uid(id))))
                        .isEqualTo(ResultReason.PERMISSION_DENIED);
                assertThat(reason(kmip.call(Operation.OBTAIN_LEASE, uid(UUID.randomUUID().toString()))))
                        .isEqualTo(ResultReason.ITEM_NOT_FOUND);
            }
        }

        @Test
        void checkWithALeaseTimeSaysWhetherObtainLeaseWouldGrantThatLong() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = createAes(kmip, "lease-check-" + UUID.randomUUID());
                assertThat(text(kmip.ok(Operation.CHECK, uid(id), new Ttlv.IntervalItem(Tag.LEASE_TIME, 3600)),
                        Tag.UNIQUE_IDENTIFIER)).isEqualTo(id);
                assertThat(reason(kmip.call(Operation.CHECK, uid(id), new Ttlv.IntervalItem(Tag.LEASE_TIME, 3601))))
                        .as("longer than the configured lease").isEqualTo(ResultReason.PERMISSION_DENIED);
                kmip.ok(Operation.DESTROY, uid(id));
                assertThat(reason(kmip.call(Operation.CHECK, uid(id), new Ttlv.IntervalItem(Tag.LEASE_TIME, 60))))
                        .as("no lease at all for a destroyed object").isEqualTo(ResultReason.PERMISSION_DENIED);
                assertThat(text(kmip.ok(Operation.CHECK, uid(id)), Tag.UNIQUE_IDENTIFIER))
                        .as("without a Lease Time the check is not about leases").isEqualTo(id);
            }
        }

        @Test
        void getUsageAllocationTakesFromTheUsageLimitsCount() throws Exception {
            try (KmipConnection kmip = connect()) {
                String limited = createAes(kmip, "allocate-" + UUID.randomUUID(),
                        attribute("Usage Limits", structure(Tag.USAGE_LIMITS,
                                new Ttlv.LongItem(Tag.USAGE_LIMITS_TOTAL, 10),
                                enumeration(Tag.USAGE_LIMITS_UNIT, UsageLimitsUnit.BYTE))));
                Ttlv four = new Ttlv.LongItem(Tag.USAGE_LIMITS_COUNT, 4);
                // Only while protection is enabled, i.e. once active.
                assertThat(reason(kmip.call(Operation.GET_USAGE_ALLOCATION, uid(limited), four)))
                        .isEqualTo(ResultReason.ILLEGAL_OPERATION);
                kmip.ok(Operation.ACTIVATE, uid(limited));
                assertThat(text(kmip.ok(Operation.GET_USAGE_ALLOCATION, uid(limited), four), Tag.UNIQUE_IDENTIFIER))
                        .isEqualTo(limited);
                assertThat(count(kmip, limited)).isEqualTo(6);
                assertThat(reason(kmip.call(Operation.GET_USAGE_ALLOCATION, uid(limited),
                        new Ttlv.LongItem(Tag.USAGE_LIMITS_COUNT, 7)))).isEqualTo(ResultReason.PERMISSION_DENIED);
                assertThat(count(kmip, limited)).isEqualTo(6);
                kmip.ok(Operation.GET_USAGE_ALLOCATION, uid(limited), new Ttlv.LongItem(Tag.USAGE_LIMITS_COUNT, 6));
                assertThat(count(kmip, limited)).isZero();
                assertThat(reason(kmip.call(Operation.GET_USAGE_ALLOCATION, uid(limited))))
                        .isEqualTo(ResultReason.INVALID_MESSAGE);

                String unlimited = createAes(kmip, "unlimited-" + UUID.randomUUID());
                kmip.ok(Operation.ACTIVATE, uid(unlimited));
                assertThat(reason(kmip.call(Operation.GET_USAGE_ALLOCATION, uid(unlimited), four)))
                        .isEqualTo(ResultReason.ILLEGAL_OPERATION);
                kmip.version(2, 1);
                assertThat(reason(kmip.call(Operation.GET_USAGE_ALLOCATION, uid(limited), four)))
                        .isEqualTo(ResultReason.PERMISSION_DENIED);
            }
        }

        private long count(KmipConnection kmip, String id) throws Exception {
            Structure limits = (Structure) attributeOf(kmip, id, "Usage Limits");
            return limits.find(Tag.USAGE_LIMITS_COUNT, Ttlv.LongItem.class).orElseThrow().value();
        }
    }

    @Nested
    class ExportImport {
        Structure symmetricKey(byte[] key) {
            return structure(Tag.SYMMETRIC_KEY, structure(Tag.KEY_BLOCK,
                    enumeration(Tag.KEY_FORMAT_TYPE, dev.donjon.kmip.enums.KeyFormatType.RAW),
                    structure(Tag.KEY_VALUE, Kmip.bytes(Tag.KEY_MATERIAL, key)),
                    enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                    integer(Tag.CRYPTOGRAPHIC_LENGTH, key.length * 8)));
        }

        @Test
        void exportIsGetWithEveryAttribute() throws Exception {
            try (KmipConnection kmip = connect()) {
                String keyName = "export-" + UUID.randomUUID();
                String id = createAes(kmip, keyName);
                // Export is 1.4's (§4.40): refused at 1.3, answered at 1.4 with bare Attribute structures.
                kmip.version(1, 3);
                assertThat(reason(kmip.call(Operation.EXPORT, uid(id)))).isEqualTo(ResultReason.OPERATION_NOT_SUPPORTED);
                kmip.version(1, 4);
                Structure at14 = kmip.ok(Operation.EXPORT, uid(id));
                assertThat(at14.find(Tag.ATTRIBUTES)).isEmpty();
                assertThat(Kmip.attributeValue(at14, "Cryptographic Length"))
                        .isEqualTo(integer(Tag.ATTRIBUTE_VALUE, 256));
                assertThat(at14.find(Tag.SYMMETRIC_KEY)).isPresent();
                kmip.version(2, 1);
                Structure exported = kmip.ok(Operation.EXPORT, uid(id));
                assertThat(exported.find(Tag.OBJECT_TYPE)).contains(enumeration(Tag.OBJECT_TYPE,
                        ObjectType.SYMMETRIC_KEY));
                assertThat(text(exported, Tag.UNIQUE_IDENTIFIER)).isEqualTo(id);
                Structure attributes = exported.find(Tag.ATTRIBUTES, Structure.class).orElseThrow();
                assertThat(attributes.find(Tag.CRYPTOGRAPHIC_LENGTH)).contains(integer(Tag.CRYPTOGRAPHIC_LENGTH, 256));
                assertThat(attributes.find(Tag.STATE)).contains(enumeration(Tag.STATE, State.PRE_ACTIVE));
                assertThat(attributes.find(Tag.NAME, Structure.class).orElseThrow().find(Tag.NAME_VALUE))
                        .contains(new Ttlv.TextItem(Tag.NAME_VALUE, keyName));
                assertThat(KmipServerTest.keyMaterial(exported, Tag.SYMMETRIC_KEY))
                        .isEqualTo(KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(id)), Tag.SYMMETRIC_KEY));

                kmip.ok(Operation.DESTROY, uid(id));
                Structure destroyed = kmip.ok(Operation.EXPORT, uid(id));
                assertThat(destroyed.find(Tag.SYMMETRIC_KEY)).isEmpty();
                assertThat(destroyed.find(Tag.ATTRIBUTES, Structure.class).orElseThrow().find(Tag.STATE))
                        .contains(enumeration(Tag.STATE, State.DESTROYED));
            }
        }

        @Test
        void importKeepsTheIdentifierTheAttributesAndTheLifecycleAndReplacesOnlyWhenAsked() throws Exception {
            try (KmipConnection kmip = connect()) {
                kmip.version(2, 1);
                String id = UUID.randomUUID().toString();
                byte[] first = new byte[16];
                first[0] = 1;
                Instant activated = Instant.parse("2024-01-02T03:04:05Z");
                Structure attributes = structure(Tag.ATTRIBUTES,
                        integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, ENCRYPT_DECRYPT), name("imported-" + id),
                        enumeration(Tag.STATE, State.ACTIVE),
                        new Ttlv.DateTimeItem(Tag.ACTIVATION_DATE, activated),
                        new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, id));
                Structure imported = kmip.ok(Operation.IMPORT, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, id),
                        enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY), attributes, symmetricKey(first));
                assertThat(text(imported, Tag.UNIQUE_IDENTIFIER)).isEqualTo(id);
                assertThat(KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(id)), Tag.SYMMETRIC_KEY))
                        .isEqualTo(first);
                Structure stored = kmip.ok(Operation.GET_ATTRIBUTES, uid(id)).find(Tag.ATTRIBUTES, Structure.class)
                        .orElseThrow();
                assertThat(stored.find(Tag.STATE)).contains(enumeration(Tag.STATE, State.ACTIVE));
                assertThat(stored.find(Tag.ACTIVATION_DATE))
                        .contains(new Ttlv.DateTimeItem(Tag.ACTIVATION_DATE, activated));
                assertThat(stored.find(Tag.CRYPTOGRAPHIC_LENGTH)).contains(integer(Tag.CRYPTOGRAPHIC_LENGTH, 128));

                byte[] second = new byte[32];
                second[0] = 2;
                assertThat(reason(kmip.call(Operation.IMPORT, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, id),
                        enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY), attributes, symmetricKey(second))))
                        .isEqualTo(ResultReason.OBJECT_ALREADY_EXISTS);
                kmip.ok(Operation.IMPORT, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, id),
                        enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                        new Ttlv.BooleanItem(Tag.REPLACE_EXISTING, true), structure(Tag.ATTRIBUTES),
                        symmetricKey(second));
                assertThat(KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(id)), Tag.SYMMETRIC_KEY))
                        .isEqualTo(second);
                assertThat(kmip.ok(Operation.GET_ATTRIBUTES, uid(id)).find(Tag.ATTRIBUTES, Structure.class)
                        .orElseThrow().find(Tag.STATE)).contains(enumeration(Tag.STATE, State.PRE_ACTIVE));

                assertThat(reason(kmip.call(Operation.IMPORT, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, "key-1"),
                        enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY), structure(Tag.ATTRIBUTES),
                        symmetricKey(first)))).isEqualTo(ResultReason.INVALID_FIELD);
                String other = UUID.randomUUID().toString();
                assertThat(reason(kmip.call(Operation.IMPORT, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, other),
                        enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY), structure(Tag.ATTRIBUTES,
                                enumeration(Tag.STATE, State.DESTROYED)), symmetricKey(first))))
                        .isEqualTo(ResultReason.INVALID_FIELD);
            }
            // Another project's object keeps its identifier, replace or not.
            String theirs = UUID.randomUUID().toString();
            try (KmipConnection other = connectAsOther()) {
                other.version(2, 1);
                other.ok(Operation.IMPORT, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, theirs),
                        enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY), structure(Tag.ATTRIBUTES),
                        symmetricKey(new byte[16]));
            }
            try (KmipConnection kmip = connect()) {
                kmip.version(2, 1);
                assertThat(reason(kmip.call(Operation.IMPORT, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, theirs),
                        enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                        new Ttlv.BooleanItem(Tag.REPLACE_EXISTING, true), structure(Tag.ATTRIBUTES),
                        symmetricKey(new byte[16])))).isEqualTo(ResultReason.OBJECT_ALREADY_EXISTS);
                assertThat(reason(kmip.call(Operation.GET, uid(theirs)))).isEqualTo(ResultReason.OBJECT_NOT_FOUND);
            }
        }
    }

    @Nested
    class TransparentFormats {
        Structure pair(CryptographicAlgorithm algorithm, int length) throws Exception {
            try (KmipConnection kmip = connect()) {
                return kmip.ok(Operation.CREATE_KEY_PAIR, structure(Tag.COMMON_TEMPLATE_ATTRIBUTE,
                        attribute("Cryptographic Algorithm", enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, algorithm)),
                        attribute("Cryptographic Length", integer(Tag.CRYPTOGRAPHIC_LENGTH, length))));
            }
        }

        Structure material(Structure got, Tag objectTag) {
            return got.find(objectTag, Structure.class).orElseThrow().find(Tag.KEY_BLOCK, Structure.class).orElseThrow()
                    .find(Tag.KEY_VALUE, Structure.class).orElseThrow().find(Tag.KEY_MATERIAL, Structure.class)
                    .orElseThrow();
        }

        java.math.BigInteger big(Structure material, Tag tag) {
            return material.find(tag, Ttlv.BigIntegerItem.class).orElseThrow().value();
        }

        Ttlv format(dev.donjon.kmip.enums.KeyFormatType format) {
            return enumeration(Tag.KEY_FORMAT_TYPE, format);
        }

        String register(KmipConnection kmip, ObjectType type, Tag objectTag, dev.donjon.kmip.enums.KeyFormatType format,
                        Structure material, CryptographicAlgorithm algorithm, int length) throws Exception {
            return text(kmip.ok(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, type), template(),
                    structure(objectTag, structure(Tag.KEY_BLOCK, format(format),
                            structure(Tag.KEY_VALUE, material),
                            enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, algorithm),
                            integer(Tag.CRYPTOGRAPHIC_LENGTH, length)))), Tag.UNIQUE_IDENTIFIER);
        }

        @Test
        void rsaKeysComeBackAsTheirNumbersAndRegisterFromThem() throws Exception {
            Structure pair = pair(CryptographicAlgorithm.RSA, 2048);
            String privateId = text(pair, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
            String publicId = text(pair, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
            try (KmipConnection kmip = connect()) {
                byte[] pkcs8 = KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(privateId),
                        format(dev.donjon.kmip.enums.KeyFormatType.PKCS_8)), Tag.PRIVATE_KEY);
                java.security.interfaces.RSAPrivateCrtKey jca = (java.security.interfaces.RSAPrivateCrtKey)
                        java.security.KeyFactory.getInstance("RSA").generatePrivate(
                                new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
                Structure got = kmip.ok(Operation.GET, uid(privateId),
                        format(dev.donjon.kmip.enums.KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY));
                Structure numbers = material(got, Tag.PRIVATE_KEY);
                assertThat(big(numbers, Tag.MODULUS)).isEqualTo(jca.getModulus());
                assertThat(big(numbers, Tag.PRIVATE_EXPONENT)).isEqualTo(jca.getPrivateExponent());
                assertThat(big(numbers, Tag.PUBLIC_EXPONENT)).isEqualTo(jca.getPublicExponent());
                assertThat(big(numbers, Tag.CRT_COEFFICIENT)).isEqualTo(jca.getCrtCoefficient());

                Structure publicNumbers = material(kmip.ok(Operation.GET, uid(publicId),
                        format(dev.donjon.kmip.enums.KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY)), Tag.PUBLIC_KEY);
                assertThat(big(publicNumbers, Tag.MODULUS)).isEqualTo(jca.getModulus());
                assertThat(big(publicNumbers, Tag.PUBLIC_EXPONENT)).isEqualTo(jca.getPublicExponent());

                String registered = register(kmip, ObjectType.PRIVATE_KEY, Tag.PRIVATE_KEY,
                        dev.donjon.kmip.enums.KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY, numbers,
                        CryptographicAlgorithm.RSA, 2048);
                assertThat(KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(registered),
                        format(dev.donjon.kmip.enums.KeyFormatType.PKCS_8)), Tag.PRIVATE_KEY)).isEqualTo(pkcs8);
                // Only the modulus and the private exponent are needed.
                String bare = register(kmip, ObjectType.PRIVATE_KEY, Tag.PRIVATE_KEY,
                        dev.donjon.kmip.enums.KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY,
                        new Structure(Tag.KEY_MATERIAL, numbers.find(Tag.MODULUS).orElseThrow(),
                                numbers.find(Tag.PRIVATE_EXPONENT).orElseThrow()), CryptographicAlgorithm.RSA, 2048);
                assertThat(big(material(kmip.ok(Operation.GET, uid(bare),
                        format(dev.donjon.kmip.enums.KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY)), Tag.PRIVATE_KEY),
                        Tag.PRIVATE_EXPONENT)).isEqualTo(jca.getPrivateExponent());
                String publicRegistered = register(kmip, ObjectType.PUBLIC_KEY, Tag.PUBLIC_KEY,
                        dev.donjon.kmip.enums.KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY, publicNumbers,
                        CryptographicAlgorithm.RSA, 2048);
                assertThat(KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(publicRegistered),
                        format(dev.donjon.kmip.enums.KeyFormatType.X_509)), Tag.PUBLIC_KEY))
                        .isEqualTo(KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(publicId),
                                format(dev.donjon.kmip.enums.KeyFormatType.X_509)), Tag.PUBLIC_KEY));
                assertThat(reason(kmip.call(Operation.GET, uid(privateId),
                        format(dev.donjon.kmip.enums.KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY))))
                        .isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
            }
        }

        @Test
        void ecKeysComeBackAsCurveAndNumbersAndRegisterFromThem() throws Exception {
            for (int length : List.of(256, 384)) {
                Structure pair = pair(CryptographicAlgorithm.EC, length);
                String privateId = text(pair, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
                String publicId = text(pair, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
                dev.donjon.kmip.enums.RecommendedCurve curve = length == 256
                        ? dev.donjon.kmip.enums.RecommendedCurve.P_256 : dev.donjon.kmip.enums.RecommendedCurve.P_384;
                try (KmipConnection kmip = connect()) {
                    kmip.version(2, 1);
                    byte[] spki = KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(publicId)), Tag.PUBLIC_KEY);
                    java.security.interfaces.ECPublicKey jca = (java.security.interfaces.ECPublicKey)
                            java.security.KeyFactory.getInstance("EC").generatePublic(
                                    new java.security.spec.X509EncodedKeySpec(spki));
                    Structure point = material(kmip.ok(Operation.GET, uid(publicId),
                            format(dev.donjon.kmip.enums.KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY)), Tag.PUBLIC_KEY);
                    assertThat(point.find(Tag.RECOMMENDED_CURVE)).contains(enumeration(Tag.RECOMMENDED_CURVE, curve));
                    byte[] q = Kmip.bytes(point, Tag.Q_STRING);
                    assertThat(q).hasSize(1 + length / 4);
                    assertThat(q[0]).isEqualTo((byte) 4);
                    assertThat(new java.math.BigInteger(1, java.util.Arrays.copyOfRange(q, 1, 1 + length / 8)))
                            .isEqualTo(jca.getW().getAffineX());

                    byte[] pkcs8 = KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(privateId)),
                            Tag.PRIVATE_KEY);
                    Structure secret = material(kmip.ok(Operation.GET, uid(privateId),
                            format(dev.donjon.kmip.enums.KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY)), Tag.PRIVATE_KEY);
                    assertThat(big(secret, Tag.D)).isEqualTo(((java.security.interfaces.ECPrivateKey)
                            java.security.KeyFactory.getInstance("EC").generatePrivate(
                                    new java.security.spec.PKCS8EncodedKeySpec(pkcs8))).getS());

                    String registeredPublic = register(kmip, ObjectType.PUBLIC_KEY, Tag.PUBLIC_KEY,
                            dev.donjon.kmip.enums.KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY, point,
                            CryptographicAlgorithm.EC, length);
                    assertThat(KmipServerTest.keyMaterial(kmip.ok(Operation.GET, uid(registeredPublic)),
                            Tag.PUBLIC_KEY)).isEqualTo(spki);
                    String registeredPrivate = register(kmip, ObjectType.PRIVATE_KEY, Tag.PRIVATE_KEY,
                            dev.donjon.kmip.enums.KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY, secret,
                            CryptographicAlgorithm.EC, length);
                    assertThat(big(material(kmip.ok(Operation.GET, uid(registeredPrivate),
                            format(dev.donjon.kmip.enums.KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY)), Tag.PRIVATE_KEY),
                            Tag.D)).isEqualTo(big(secret, Tag.D));
                    assertThat(reason(kmip.call(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE,
                            ObjectType.PUBLIC_KEY), structure(Tag.ATTRIBUTES), structure(Tag.PUBLIC_KEY,
                            structure(Tag.KEY_BLOCK, format(dev.donjon.kmip.enums.KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY),
                                    structure(Tag.KEY_VALUE, new Structure(Tag.KEY_MATERIAL,
                                            enumeration(Tag.RECOMMENDED_CURVE, curve),
                                            Kmip.bytes(Tag.Q_STRING, new byte[]{4, 1, 2}))))))))
                            .isEqualTo(ResultReason.INVALID_FIELD);
                }
            }
        }
    }
}
