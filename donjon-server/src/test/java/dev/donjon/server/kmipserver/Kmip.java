package dev.donjon.server.kmipserver;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.NameType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Terse builders of request items for the tests: KMIP 1.x Template-Attribute form and 2.x Attributes form. */
final class Kmip {
    static final int ENCRYPT_DECRYPT = CryptographicUsageMask.ENCRYPT.code() | CryptographicUsageMask.DECRYPT.code();

    private Kmip() {
    }

    static Ttlv uid(String id) {
        return new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, id);
    }

    static Ttlv enumeration(Tag tag, KmipEnum value) {
        return new Ttlv.EnumerationItem(tag, value);
    }

    static Ttlv integer(Tag tag, int value) {
        return new Ttlv.IntegerItem(tag, value);
    }

    static Ttlv bytes(Tag tag, byte[] value) {
        return new Ttlv.BytesItem(tag, value);
    }

    static Ttlv text(Tag tag, String value) {
        return new Ttlv.TextItem(tag, value);
    }

    static Structure structure(Tag tag, Ttlv... children) {
        return new Structure(tag, List.of(children));
    }

    /** A 1.x Attribute with the given name and value (retagged as Attribute Value). */
    static Structure attribute(String name, Ttlv value) {
        return new Structure(Tag.ATTRIBUTE, new Ttlv.TextItem(Tag.ATTRIBUTE_NAME, name),
                value.withTag(Tag.ATTRIBUTE_VALUE.code()));
    }

    static Structure attribute(String name, int index, Ttlv value) {
        return new Structure(Tag.ATTRIBUTE, new Ttlv.TextItem(Tag.ATTRIBUTE_NAME, name),
                new Ttlv.IntegerItem(Tag.ATTRIBUTE_INDEX, index),
                value.withTag(Tag.ATTRIBUTE_VALUE.code()));
    }

    static Structure template(Structure... attributes) {
        return new Structure(Tag.TEMPLATE_ATTRIBUTE, List.of(attributes));
    }

    static Structure name(String value) {
        return new Structure(Tag.NAME, new Ttlv.TextItem(Tag.NAME_VALUE, value),
                new Ttlv.EnumerationItem(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING));
    }

    /** The 1.x Name attribute: an uninterpreted text string. */
    static Structure named(String keyName) {
        return attribute("Name", name(keyName));
    }

    /** A 1.x Boolean attribute such as Sensitive or Extractable. */
    static Structure flag(String name, boolean value) {
        return attribute(name, new Ttlv.BooleanItem(Tag.ATTRIBUTE_VALUE, value));
    }

    static Structure usageMask(int mask) {
        return attribute("Cryptographic Usage Mask", integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, mask));
    }

    /** A 1.x Create of an AES key of the given length, with the given further attributes in that order. */
    static KmipConnection.Item createAes(int bits, Structure... attributes) {
        List<Structure> all = new ArrayList<>(List.of(
                attribute("Cryptographic Algorithm", enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                        CryptographicAlgorithm.AES)),
                attribute("Cryptographic Length", integer(Tag.CRYPTOGRAPHIC_LENGTH, bits))));
        all.addAll(List.of(attributes));
        return KmipConnection.item(Operation.CREATE, enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                template(all.toArray(Structure[]::new)));
    }

    /** Creates an AES key (see {@link #createAes(int, Structure...)}), requires success, returns its identifier. */
    static String createAes(KmipConnection kmip, int bits, Structure... attributes) throws IOException {
        return text(kmip.ok(createAes(bits, attributes)), Tag.UNIQUE_IDENTIFIER);
    }

    static String text(Structure payload, Tag tag) {
        return payload.find(tag, Ttlv.TextItem.class).orElseThrow().value();
    }

    static byte[] bytes(Structure payload, Tag tag) {
        return payload.find(tag, Ttlv.BytesItem.class).orElseThrow().value();
    }

    static List<String> texts(Structure payload, Tag tag) {
        List<String> values = new ArrayList<>();
        payload.findAll(tag).forEach(item -> values.add(((Ttlv.TextItem) item).value()));
        return values;
    }

    /** The value of the named 1.x attribute in a Get Attributes response. */
    static Ttlv attributeValue(Structure payload, String name) {
        for (Ttlv item : payload.findAll(Tag.ATTRIBUTE)) {
            Structure attribute = (Structure) item;
            if (text(attribute, Tag.ATTRIBUTE_NAME).equals(name)) {
                return attribute.find(Tag.ATTRIBUTE_VALUE).orElseThrow();
            }
        }
        throw new AssertionError("no attribute " + name + " in " + payload);
    }

    /** The value of the named 1.x attribute of an object, read with Get Attributes. */
    static Ttlv attributeOf(KmipConnection kmip, String id, String name) throws IOException {
        return attributeValue(kmip.ok(Operation.GET_ATTRIBUTES, uid(id), text(Tag.ATTRIBUTE_NAME, name)), name);
    }
}
