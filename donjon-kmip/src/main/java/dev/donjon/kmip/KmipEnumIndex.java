package dev.donjon.kmip;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lookup of one {@link KmipEnum} type by code and by spec name. Built once per enum; the codecs
 * use it without knowing the concrete type.
 */
public final class KmipEnumIndex<E extends Enum<E> & KmipEnum> {

    private final Class<E> type;
    private final List<E> values;
    private final Map<Integer, E> byCode = new HashMap<>();
    private final Map<String, E> bySpecName = new HashMap<>();

    private KmipEnumIndex(Class<E> type) {
        this.type = type;
        this.values = List.of(type.getEnumConstants());
        for (E value : values) {
            if (byCode.putIfAbsent(value.code(), value) != null) {
                throw new IllegalStateException(type.getSimpleName() + " has two values with code " + value.code());
            }
            if (bySpecName.putIfAbsent(value.specName(), value) != null) {
                throw new IllegalStateException(type.getSimpleName() + " has two values named " + value.specName());
            }
        }
    }

    public static <E extends Enum<E> & KmipEnum> KmipEnumIndex<E> of(Class<E> type) {
        return new KmipEnumIndex<>(type);
    }

    public Class<E> type() {
        return type;
    }

    public List<E> values() {
        return values;
    }

    public Optional<E> byCode(int code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public Optional<E> bySpecName(String specName) {
        return Optional.ofNullable(bySpecName.get(specName));
    }
}
