package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;

import java.time.Instant;
import java.util.Optional;

/** Typed reads of request fields: a field of the wrong item type or an unknown enumeration is an Invalid Field. */
final class TtlvReads {
    private TtlvReads() {
    }

    static Optional<Structure> structure(Structure parent, Tag tag) {
        return parent.find(tag).map(item -> as(item, Structure.class));
    }

    static Structure requiredStructure(Structure parent, Tag tag) {
        return structure(parent, tag).orElseThrow(() -> KmipError.missing(tag.specName()));
    }

    static Optional<String> text(Structure parent, Tag tag) {
        return parent.find(tag).map(item -> as(item, Ttlv.TextItem.class).value());
    }

    static Optional<byte[]> bytes(Structure parent, Tag tag) {
        return parent.find(tag).map(item -> as(item, Ttlv.BytesItem.class).value());
    }

    static byte[] requiredBytes(Structure parent, Tag tag) {
        return bytes(parent, tag).orElseThrow(() -> KmipError.missing(tag.specName()));
    }

    static Optional<Integer> integer(Structure parent, Tag tag) {
        return parent.find(tag).map(item -> as(item, Ttlv.IntegerItem.class).value());
    }

    static Optional<Boolean> bool(Structure parent, Tag tag) {
        return parent.find(tag).map(item -> as(item, Ttlv.BooleanItem.class).value());
    }

    static Optional<Instant> dateTime(Structure parent, Tag tag) {
        return parent.find(tag).map(TtlvReads::dateTime);
    }

    static Instant dateTime(Ttlv item) {
        return switch (item) {
            case Ttlv.DateTimeItem d -> d.value();
            case Ttlv.DateTimeExtendedItem d -> d.instant();
            default -> throw KmipError.invalidField(item.tagName() + " must be a Date-Time");
        };
    }

    static <E extends Enum<E> & KmipEnum> Optional<E> enumeration(Structure parent, Tag tag, KmipEnumIndex<E> index) {
        return parent.find(tag).map(item -> enumeration(item, index));
    }

    static <E extends Enum<E> & KmipEnum> E enumeration(Ttlv item, KmipEnumIndex<E> index) {
        int code = as(item, Ttlv.EnumerationItem.class).value();
        return index.byCode(code).orElseThrow(() -> KmipError.invalidField(
                String.format("%s 0x%08X is not a known value", item.tagName(), code)));
    }

    static <T extends Ttlv> T as(Ttlv item, Class<T> type) {
        if (!type.isInstance(item)) {
            throw KmipError.invalidField(item.tagName() + " has the wrong item type " + item.type());
        }
        return type.cast(item);
    }
}
