package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.SplitKeyMethod;
import dev.donjon.kmip.message.Fields;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.SecretSharing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What Create Split Key and Join Split Key share: the Split Key structure of a part, and the fields a stored part keeps. */
final class SplitParts {

    /** The fields every part of one split shares (KMIP 1.4 §2.2.5). */
    record Split(int parts, int threshold, SecretSharing.Method method, Optional<BigInteger> prime) {
    }

    private SplitParts() {
    }

    /** The domain's sharing method for a Split Key Method. */
    static SecretSharing.Method method(SplitKeyMethod method) {
        return switch (method) {
            case XOR -> SecretSharing.Method.XOR;
            case POLYNOMIAL_SHARING_PRIME_FIELD -> SecretSharing.Method.PRIME_FIELD;
            case POLYNOMIAL_SHARING_GF_28 -> SecretSharing.Method.GF_2_8;
            case POLYNOMIAL_SHARING_GF_216 -> SecretSharing.Method.GF_2_16;
        };
    }

    /** The Split Key object of one part, as a client would register it: its share as Raw key material. */
    static Structure structure(int parts, SecretSharing.Share share, int threshold, SplitKeyMethod method,
                               Optional<BigInteger> prime, Optional<CryptographicAlgorithm> algorithm, int length) {
        List<Ttlv> block = new ArrayList<>(List.of(new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
                new Structure(Tag.KEY_VALUE, new Ttlv.BytesItem(Tag.KEY_MATERIAL, share.value()))));
        algorithm.ifPresent(a -> block.add(new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, a)));
        block.add(new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, length));
        List<Ttlv> fields = new ArrayList<>(List.of(new Ttlv.IntegerItem(Tag.SPLIT_KEY_PARTS, parts),
                new Ttlv.IntegerItem(Tag.KEY_PART_IDENTIFIER, share.identifier()),
                new Ttlv.IntegerItem(Tag.SPLIT_KEY_THRESHOLD, threshold),
                new Ttlv.EnumerationItem(Tag.SPLIT_KEY_METHOD, method)));
        prime.ifPresent(p -> fields.add(new Ttlv.BigIntegerItem(Tag.PRIME_FIELD_SIZE, p)));
        fields.add(new Structure(Tag.KEY_BLOCK, block));
        return new Structure(Tag.SPLIT_KEY, fields);
    }

    /** The split a stored part belongs to. */
    static Split of(ManagedObject part) {
        Structure fields = fields(part);
        SplitKeyMethod method = Fields.enumeration(fields, Tag.SPLIT_KEY_METHOD, SplitKeyMethod.index()).orElseThrow();
        return new Split(Fields.integer(fields, Tag.SPLIT_KEY_PARTS).orElseThrow(),
                Fields.integer(fields, Tag.SPLIT_KEY_THRESHOLD).orElseThrow(), method(method),
                fields.find(Tag.PRIME_FIELD_SIZE).map(p -> Fields.as(p, Ttlv.BigIntegerItem.class).value()));
    }

    /** A stored part's Key Part Identifier. */
    static int identifier(ManagedObject part) {
        return Fields.integer(fields(part), Tag.KEY_PART_IDENTIFIER).orElseThrow();
    }

    private static Structure fields(ManagedObject part) {
        return ObjectCodec.objectField(part, ObjectCodec.SPLIT_KEY_FIELDS).orElseThrow(() ->
                new IllegalStateException("split key " + part.id() + " without its fields"));
    }
}
