package dev.donjon.kmip.message;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a structure's children in order, skipping absent optional fields. */
final class Children {

    private final List<Ttlv> items = new ArrayList<>();

    Children add(Ttlv item) {
        items.add(item);
        return this;
    }

    Children addAll(List<? extends Ttlv> list) {
        items.addAll(list);
        return this;
    }

    Children add(Optional<? extends Ttlv> item) {
        item.ifPresent(items::add);
        return this;
    }

    Children text(Tag tag, Optional<String> value) {
        value.ifPresent(v -> items.add(new Ttlv.TextItem(tag, v)));
        return this;
    }

    Children text(Tag tag, String value) {
        items.add(new Ttlv.TextItem(tag, value));
        return this;
    }

    Children integer(Tag tag, Optional<Integer> value) {
        value.ifPresent(v -> items.add(new Ttlv.IntegerItem(tag, v)));
        return this;
    }

    Children longInteger(Tag tag, Optional<Long> value) {
        value.ifPresent(v -> items.add(new Ttlv.LongItem(tag, v)));
        return this;
    }

    Children bytes(Tag tag, Optional<byte[]> value) {
        value.ifPresent(v -> items.add(new Ttlv.BytesItem(tag, v)));
        return this;
    }

    Children bool(Tag tag, Optional<Boolean> value) {
        value.ifPresent(v -> items.add(new Ttlv.BooleanItem(tag, v)));
        return this;
    }

    Children dateTime(Tag tag, Optional<Instant> value) {
        value.ifPresent(v -> items.add(new Ttlv.DateTimeItem(tag, v)));
        return this;
    }

    Children enumeration(Tag tag, Optional<? extends KmipEnum> value) {
        value.ifPresent(v -> items.add(new Ttlv.EnumerationItem(tag, v)));
        return this;
    }

    Children enumerations(Tag tag, List<? extends KmipEnum> values) {
        values.forEach(v -> items.add(new Ttlv.EnumerationItem(tag, v)));
        return this;
    }

    Structure build(Tag tag) {
        return new Structure(tag, items);
    }
}
