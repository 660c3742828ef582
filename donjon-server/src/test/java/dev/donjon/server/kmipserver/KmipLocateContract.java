package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.BatchErrorContinuationOption;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.LinkType;
import dev.donjon.kmip.enums.ObjectGroupMemberOption;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;
import dev.donjon.kmip.enums.RevocationReasonCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.donjon.server.kmipserver.Kmip.ENCRYPT_DECRYPT;
import static dev.donjon.server.kmipserver.Kmip.attribute;
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
 * Locate by any stored attribute (KMIP 1.4 §4.9, 2.1 §6.1.28) over real mutual TLS, on the engine the concrete class
 * names: text attributes, attributes kept encoded, custom attributes, dates and date ranges, links, usage masks, the
 * order of the answer, paging and the ID Placeholder.
 */
abstract class KmipLocateContract extends KmipServerFixture {
    /** A 1.x 256-bit AES key with the given usage mask and extra attributes. */
    static String createAes(KmipConnection kmip, int mask, Structure... more) throws Exception {
        return Kmip.createAes(kmip, 256, Stream.concat(Stream.of(usageMask(mask)), Stream.of(more))
                .toArray(Structure[]::new));
    }

    static Structure group(String group) {
        return attribute("Object Group", text(Tag.OBJECT_GROUP, group));
    }

    static List<Ttlv> found(Structure response) {
        return response.findAll(Tag.UNIQUE_IDENTIFIER);
    }

    static Structure applicationInformation(String namespace, String data) {
        return structure(Tag.APPLICATION_SPECIFIC_INFORMATION, text(Tag.APPLICATION_NAMESPACE, namespace),
                text(Tag.APPLICATION_DATA, data));
    }

    @Test
    void objectGroupsMatchEveryInstanceGivenNewestFirstAndPage() throws Exception {
        try (KmipConnection kmip = connect()) {
            String g1 = "g1-" + UUID.randomUUID();
            String g2 = "g2-" + UUID.randomUUID();
            String a = createAes(kmip, ENCRYPT_DECRYPT, group(g1));
            String b = createAes(kmip, ENCRYPT_DECRYPT, group(g1), group(g2));
            String c = createAes(kmip, ENCRYPT_DECRYPT, group(g1));
            createAes(kmip, ENCRYPT_DECRYPT, group(g2 + "-other"));

            assertThat(found(kmip.ok(Operation.LOCATE, group(g1)))).containsExactly(uid(c), uid(b), uid(a));
            assertThat(found(kmip.ok(Operation.LOCATE, group(g1), group(g2)))).containsExactly(uid(b));

            Structure page = kmip.ok(Operation.LOCATE, integer(Tag.MAXIMUM_ITEMS, 2), integer(Tag.OFFSET_ITEMS, 1),
                    group(g1));
            assertThat(found(page)).containsExactly(uid(b), uid(a));
            assertThat(page.find(Tag.LOCATED_ITEMS)).contains(integer(Tag.LOCATED_ITEMS, 3));
            Structure last = kmip.ok(Operation.LOCATE, integer(Tag.MAXIMUM_ITEMS, 2), integer(Tag.OFFSET_ITEMS, 2),
                    group(g1));
            assertThat(found(last)).containsExactly(uid(a));

            kmip.version(2, 1);
            assertThat(found(kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES, text(Tag.OBJECT_GROUP, g1),
                    enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY))))).containsExactly(uid(c), uid(b), uid(a));
            // The group's default member is, by Donjon's policy, its most recently created one.
            assertThat(found(kmip.ok(Operation.LOCATE, enumeration(Tag.OBJECT_GROUP_MEMBER,
                    ObjectGroupMemberOption.GROUP_MEMBER_DEFAULT), structure(Tag.ATTRIBUTES,
                    text(Tag.OBJECT_GROUP, g1))))).containsExactly(uid(c));
            // Fresh members are those whose key material was never served.
            kmip.ok(Operation.GET, uid(c));
            assertThat(found(kmip.ok(Operation.LOCATE, enumeration(Tag.OBJECT_GROUP_MEMBER,
                    ObjectGroupMemberOption.GROUP_MEMBER_FRESH), structure(Tag.ATTRIBUTES,
                    text(Tag.OBJECT_GROUP, g1))))).containsExactly(uid(b), uid(a));
            assertThat(reason(kmip.call(Operation.LOCATE, enumeration(Tag.OBJECT_GROUP_MEMBER,
                    ObjectGroupMemberOption.GROUP_MEMBER_FRESH), structure(Tag.ATTRIBUTES,
                    enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY))))).isEqualTo(ResultReason.INVALID_FIELD);
        }
    }

    @Test
    void sensitiveAndExtractableAreFoundAsTheyStandWhetherGivenOrDefaulted() throws Exception {
        try (KmipConnection kmip = connect()) {
            String g = "protection-" + UUID.randomUUID();
            String plain = createAes(kmip, ENCRYPT_DECRYPT, group(g));
            String sensitive = createAes(kmip, ENCRYPT_DECRYPT, group(g), flag("Sensitive", true));
            String kept = createAes(kmip, ENCRYPT_DECRYPT, group(g), flag("Extractable", false));

            assertThat(found(kmip.ok(Operation.LOCATE, group(g), flag("Extractable", false))))
                    .containsExactly(uid(kept));
            assertThat(found(kmip.ok(Operation.LOCATE, group(g), flag("Extractable", true))))
                    .containsExactly(uid(sensitive), uid(plain));
            assertThat(found(kmip.ok(Operation.LOCATE, group(g), flag("Sensitive", true))))
                    .containsExactly(uid(sensitive));
            kmip.ok(Operation.MODIFY_ATTRIBUTE, uid(kept), flag("Extractable", true));
            assertThat(found(kmip.ok(Operation.LOCATE, group(g), flag("Extractable", false)))).isEmpty();

            kmip.version(2, 1);
            assertThat(found(kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES, text(Tag.OBJECT_GROUP, g),
                    new Ttlv.BooleanItem(Tag.SENSITIVE, false))))).containsExactly(uid(kept), uid(plain));
        }
    }

    @Test
    void attributesKeptEncodedAreFoundWhicheverVersionSetThem() throws Exception {
        try (KmipConnection kmip = connect()) {
            String data = UUID.randomUUID().toString();
            String v1 = createAes(kmip, ENCRYPT_DECRYPT, attribute("Application Specific Information",
                    applicationInformation("LIBRARY-LTO", data)));
            createAes(kmip, ENCRYPT_DECRYPT, attribute("Application Specific Information",
                    applicationInformation("LIBRARY-LTO", data + "-other")));
            assertThat(found(kmip.ok(Operation.LOCATE, attribute("Application Specific Information",
                    applicationInformation("LIBRARY-LTO", data))))).containsExactly(uid(v1));

            kmip.version(2, 1);
            String v2 = text(kmip.ok(Operation.CREATE, enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                    structure(Tag.ATTRIBUTES, enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                            integer(Tag.CRYPTOGRAPHIC_LENGTH, 128),
                            integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, ENCRYPT_DECRYPT),
                            applicationInformation("LIBRARY-LTO", data))), Tag.UNIQUE_IDENTIFIER);
            Structure located = kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES,
                    enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY), applicationInformation("LIBRARY-LTO",
                            data)));
            assertThat(found(located)).containsExactly(uid(v2), uid(v1));
            assertThat(found(kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES,
                    integer(Tag.CRYPTOGRAPHIC_LENGTH, 128), applicationInformation("LIBRARY-LTO", data)))))
                    .containsExactly(uid(v2));
        }
    }

    @Test
    void aDateGivenTwiceIsARangeWithBothEndsIncluded() throws Exception {
        try (KmipConnection kmip = connect()) {
            String marker = "dates-" + UUID.randomUUID();
            Instant early = Instant.parse("2041-01-01T00:00:00Z");
            Instant late = Instant.parse("2041-02-01T00:00:00Z");
            String first = createAes(kmip, ENCRYPT_DECRYPT, group(marker), protectStop(early));
            String second = createAes(kmip, ENCRYPT_DECRYPT, group(marker), protectStop(late));
            String before1970 = createAes(kmip, ENCRYPT_DECRYPT, group(marker),
                    protectStop(Instant.parse("1969-12-31T23:59:00Z")));

            assertThat(found(kmip.ok(Operation.LOCATE, group(marker), protectStop(early), protectStop(late))))
                    .containsExactly(uid(second), uid(first));
            assertThat(found(kmip.ok(Operation.LOCATE, group(marker), protectStop(early.plusSeconds(1)),
                    protectStop(late)))).containsExactly(uid(second));
            assertThat(found(kmip.ok(Operation.LOCATE, group(marker), protectStop(early))))
                    .as("one date matches that date").containsExactly(uid(first));
            assertThat(found(kmip.ok(Operation.LOCATE, group(marker), protectStop(Instant.parse(
                    "1969-01-01T00:00:00Z")), protectStop(early)))).as("a range across 1970")
                    .containsExactly(uid(before1970), uid(first));
            assertThat(reason(kmip.call(Operation.LOCATE, protectStop(late), protectStop(early))))
                    .isEqualTo(ResultReason.INVALID_FIELD);

            // A date the server keeps itself: the Activation Date, set by Activate.
            Instant beforeActivation = Instant.now().minusSeconds(1);
            kmip.ok(Operation.ACTIVATE, uid(second));
            Structure activated = kmip.ok(Operation.LOCATE, group(marker),
                    attribute("Activation Date", new Ttlv.DateTimeItem(Tag.ACTIVATION_DATE, beforeActivation)),
                    attribute("Activation Date", new Ttlv.DateTimeItem(Tag.ACTIVATION_DATE,
                            Instant.now().plusSeconds(1))));
            assertThat(found(activated)).containsExactly(uid(second));

            kmip.version(2, 1);
            assertThat(found(kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES, text(Tag.OBJECT_GROUP, marker),
                    new Ttlv.DateTimeItem(Tag.PROTECT_STOP_DATE, early.minusSeconds(3600)),
                    new Ttlv.DateTimeItem(Tag.PROTECT_STOP_DATE, late.minusSeconds(1))))))
                    .containsExactly(uid(first));
        }
    }

    static Structure protectStop(Instant date) {
        return attribute("Protect Stop Date", new Ttlv.DateTimeItem(Tag.PROTECT_STOP_DATE, date));
    }

    @Test
    void customAttributesLinksUsageMasksRevocationsAndIdentifiersAreFilters() throws Exception {
        try (KmipConnection kmip = connect()) {
            String marker = "misc-" + UUID.randomUUID();
            String encryptOnly = createAes(kmip, CryptographicUsageMask.ENCRYPT.code(), group(marker),
                    attribute("x-owner", text(Tag.ATTRIBUTE_VALUE, "alice")),
                    attribute("x-rank", integer(Tag.ATTRIBUTE_VALUE, 7)));
            String both = createAes(kmip, ENCRYPT_DECRYPT, group(marker),
                    attribute("x-owner", text(Tag.ATTRIBUTE_VALUE, "bob")),
                    attribute("Link", structure(Tag.LINK, enumeration(Tag.LINK_TYPE, LinkType.PARENT_LINK),
                            text(Tag.LINKED_OBJECT_IDENTIFIER, encryptOnly))));

            assertThat(found(kmip.ok(Operation.LOCATE, attribute("x-owner", text(Tag.ATTRIBUTE_VALUE, "alice")),
                    group(marker)))).containsExactly(uid(encryptOnly));
            assertThat(found(kmip.ok(Operation.LOCATE, group(marker), attribute("x-rank",
                    integer(Tag.ATTRIBUTE_VALUE, 7))))).containsExactly(uid(encryptOnly));
            assertThat(found(kmip.ok(Operation.LOCATE, group(marker), attribute("x-rank",
                    integer(Tag.ATTRIBUTE_VALUE, 8))))).isEmpty();
            // The Linked Object Identifier alone finds the link of any type (§4.9).
            assertThat(found(kmip.ok(Operation.LOCATE, attribute("Link", structure(Tag.LINK,
                    text(Tag.LINKED_OBJECT_IDENTIFIER, encryptOnly)))))).containsExactly(uid(both));
            assertThat(found(kmip.ok(Operation.LOCATE, attribute("Link", structure(Tag.LINK,
                    enumeration(Tag.LINK_TYPE, LinkType.CHILD_LINK), text(Tag.LINKED_OBJECT_IDENTIFIER,
                            encryptOnly)))))).isEmpty();
            // A mask matches the objects having at least its bits.
            assertThat(found(kmip.ok(Operation.LOCATE, group(marker),
                    usageMask(CryptographicUsageMask.ENCRYPT.code()))))
                    .containsExactly(uid(both), uid(encryptOnly));
            assertThat(found(kmip.ok(Operation.LOCATE, group(marker), usageMask(ENCRYPT_DECRYPT))))
                    .containsExactly(uid(both));
            assertThat(found(kmip.ok(Operation.LOCATE, group(marker), attribute("Unique Identifier",
                    text(Tag.UNIQUE_IDENTIFIER, encryptOnly))))).containsExactly(uid(encryptOnly));
            assertThat(found(kmip.ok(Operation.LOCATE, attribute("Unique Identifier",
                    text(Tag.UNIQUE_IDENTIFIER, "not-an-identifier"))))).isEmpty();

            kmip.ok(Operation.ACTIVATE, uid(both));
            kmip.ok(Operation.REVOKE, uid(both), structure(Tag.REVOCATION_REASON, enumeration(
                    Tag.REVOCATION_REASON_CODE, RevocationReasonCode.CESSATION_OF_OPERATION)));
            assertThat(found(kmip.ok(Operation.LOCATE, group(marker), attribute("Revocation Reason",
                    structure(Tag.REVOCATION_REASON, enumeration(Tag.REVOCATION_REASON_CODE,
                            RevocationReasonCode.CESSATION_OF_OPERATION)))))).containsExactly(uid(both));

            // A 2.x vendor attribute is the 1.x custom attribute "x-owner".
            kmip.version(2, 1);
            assertThat(found(kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES, text(Tag.OBJECT_GROUP, marker),
                    structure(Tag.ATTRIBUTE, text(Tag.VENDOR_IDENTIFICATION, "x"), text(Tag.ATTRIBUTE_NAME, "owner"),
                            text(Tag.ATTRIBUTE_VALUE, "bob")))))).containsExactly(uid(both));

            // Another project sees none of it.
            try (KmipConnection other = connectAsOther()) {
                assertThat(found(other.ok(Operation.LOCATE, group(marker)))).isEmpty();
            }
        }
    }

    @Test
    void in2xTextAttributesTakeWildCardsAndPagesFollowAnAnchorEvenOnceItIsGone() throws Exception {
        try (KmipConnection kmip = connect()) {
            String marker = "wild-" + UUID.randomUUID();
            String a = createAes(kmip, ENCRYPT_DECRYPT, group(marker + "-alpha"));
            String b = createAes(kmip, ENCRYPT_DECRYPT, group(marker + "-beta"));
            String c = createAes(kmip, ENCRYPT_DECRYPT, group(marker + "-gamma"));
            kmip.version(2, 1);
            assertThat(found(kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES, text(Tag.OBJECT_GROUP,
                    marker + "-*"))))).containsExactly(uid(c), uid(b), uid(a));
            assertThat(found(kmip.ok(Operation.LOCATE, structure(Tag.ATTRIBUTES, text(Tag.OBJECT_GROUP,
                    marker + "-?eta"))))).containsExactly(uid(b));

            // The page after b, then b destroyed and the page after it asked again: the same answer.
            Structure after = structure(Tag.ATTRIBUTES, text(Tag.OBJECT_GROUP, marker + "-*"), structure(
                    Tag.ATTRIBUTE, text(Tag.VENDOR_IDENTIFICATION, "x"), text(Tag.ATTRIBUTE_NAME, "donjon-after"),
                    text(Tag.ATTRIBUTE_VALUE, b)));
            Structure page = kmip.ok(Operation.LOCATE, integer(Tag.MAXIMUM_ITEMS, 5), after);
            assertThat(found(page)).containsExactly(uid(a));
            assertThat(page.find(Tag.LOCATED_ITEMS)).contains(integer(Tag.LOCATED_ITEMS, 1));
            kmip.ok(Operation.DESTROY, uid(b));
            assertThat(found(kmip.ok(Operation.LOCATE, integer(Tag.MAXIMUM_ITEMS, 5), after)))
                    .containsExactly(uid(a));
        }
    }

    @Test
    void aLocateAfterAnAnchorTheServerDoesNotKnowIsRefusedAndTellsTheClientToStartAgain() throws Exception {
        try (KmipConnection kmip = connect()) {
            String marker = "anchor-" + UUID.randomUUID();
            String a = createAes(kmip, ENCRYPT_DECRYPT, group(marker));
            String b = createAes(kmip, ENCRYPT_DECRYPT, group(marker));
            createAes(kmip, ENCRYPT_DECRYPT, group(marker));
            String theirs;
            try (KmipConnection other = connectAsOther()) {
                theirs = createAes(other, ENCRYPT_DECRYPT, group(marker));
            }

            // 1.x custom attribute: never issued, not even an identifier, another project's object.
            for (String unknown : List.of(UUID.randomUUID().toString(), "not-an-identifier", theirs)) {
                assertRefused(kmip.call(Operation.LOCATE, group(marker), attribute("x-donjon-after",
                        text(Tag.ATTRIBUTE_VALUE, unknown))));
            }
            // 2.x vendor attribute.
            kmip.version(2, 1);
            assertRefused(kmip.call(Operation.LOCATE, after2x(marker, UUID.randomUUID().toString())));

            // b destroyed, then purged after the destroyed-object retention: its row goes and its place stays.
            kmip.ok(Operation.DESTROY, uid(b));
            Instant purged = Instant.now().plus(java.time.Duration.ofDays(31));
            new dev.donjon.server.domain.job.DestroyedPurge(server.store(), java.time.Duration.ofDays(30), 1000)
                    .run(purged);
            assertThat(found(kmip.ok(Operation.LOCATE, after2x(marker, b)))).containsExactly(uid(a));
            // Once the anchor retention has passed since the purge, the job forgets the place.
            new dev.donjon.server.domain.job.LocateAnchorPrune(server.store(), java.time.Duration.ofDays(7), 1000)
                    .run(purged.plus(java.time.Duration.ofDays(8)));
            assertRefused(kmip.call(Operation.LOCATE, after2x(marker, b)));
        }
    }

    /** KMIP 2.x Locate attributes: the group, and Donjon's anchor as the vendor attribute "x" / "donjon-after". */
    private static Structure after2x(String group, String anchor) {
        return structure(Tag.ATTRIBUTES, text(Tag.OBJECT_GROUP, group), structure(Tag.ATTRIBUTE,
                text(Tag.VENDOR_IDENTIFICATION, "x"), text(Tag.ATTRIBUTE_NAME, "donjon-after"),
                text(Tag.ATTRIBUTE_VALUE, anchor)));
    }

    /** Invalid Field (the reason both 1.4's and 2.1's Locate error tables give), saying to restart the listing. */
    private static void assertRefused(Structure item) {
        assertThat(KmipConnection.status(item)).isEqualTo(ResultStatus.OPERATION_FAILED);
        assertThat(reason(item)).isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(item.find(Tag.RESULT_MESSAGE, Ttlv.TextItem.class).orElseThrow().value())
                .contains("x-donjon-after").contains("restart the listing from its first page");
    }

    @Test
    void aLocateFindingOneObjectHandsItToTheRestOfTheBatchAndOneFindingSeveralHandsNothing() throws Exception {
        try (KmipConnection kmip = connect()) {
            String marker = "placeholder-" + UUID.randomUUID();
            String only = createAes(kmip, ENCRYPT_DECRYPT, group(marker));
            List<Structure> one = kmip.batch(BatchErrorContinuationOption.CONTINUE,
                    KmipConnection.item(Operation.LOCATE, group(marker)),
                    KmipConnection.item(Operation.GET_ATTRIBUTES));
            assertThat(KmipConnection.status(one.get(1))).isEqualTo(ResultStatus.SUCCESS);
            assertThat(one.get(1).find(Tag.RESPONSE_PAYLOAD, Structure.class).orElseThrow()
                    .find(Tag.UNIQUE_IDENTIFIER)).contains(uid(only));

            createAes(kmip, ENCRYPT_DECRYPT, group(marker));
            List<Structure> several = kmip.batch(BatchErrorContinuationOption.CONTINUE,
                    KmipConnection.item(Operation.CREATE, enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                            template(attribute("Cryptographic Algorithm", enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                                    CryptographicAlgorithm.AES)), attribute("Cryptographic Length",
                                    integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)))),
                    KmipConnection.item(Operation.LOCATE, group(marker)),
                    KmipConnection.item(Operation.GET_ATTRIBUTES));
            assertThat(found(several.get(1).find(Tag.RESPONSE_PAYLOAD, Structure.class).orElseThrow())).hasSize(2);
            assertThat(KmipConnection.status(several.get(2))).as("the created key's placeholder was emptied")
                    .isEqualTo(ResultStatus.OPERATION_FAILED);
        }
    }
}
