package dev.donjon.server.kmipserver;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.NameType;

import java.util.ArrayList;
import java.util.List;

/** Terse builders of request items for the tests: KMIP 1.x Template-Attribute form and 2.x Attributes form. */
final class Kmip {
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
                AttributeCodec.retag(value, Tag.ATTRIBUTE_VALUE.code()));
    }

    static Structure attribute(String name, int index, Ttlv value) {
        return new Structure(Tag.ATTRIBUTE, new Ttlv.TextItem(Tag.ATTRIBUTE_NAME, name),
                new Ttlv.IntegerItem(Tag.ATTRIBUTE_INDEX, index),
                AttributeCodec.retag(value, Tag.ATTRIBUTE_VALUE.code()));
    }

    static Structure template(Structure... attributes) {
        return new Structure(Tag.TEMPLATE_ATTRIBUTE, List.of(attributes));
    }

    static Structure name(String value) {
        return new Structure(Tag.NAME, new Ttlv.TextItem(Tag.NAME_VALUE, value),
                new Ttlv.EnumerationItem(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING));
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
}
