package dev.donjon.kmip;

import dev.donjon.kmip.Ttlv.BigIntegerItem;
import dev.donjon.kmip.Ttlv.BooleanItem;
import dev.donjon.kmip.Ttlv.BytesItem;
import dev.donjon.kmip.Ttlv.DateTimeExtendedItem;
import dev.donjon.kmip.Ttlv.DateTimeItem;
import dev.donjon.kmip.Ttlv.EnumerationItem;
import dev.donjon.kmip.Ttlv.IntegerItem;
import dev.donjon.kmip.Ttlv.IntervalItem;
import dev.donjon.kmip.Ttlv.LongItem;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.Ttlv.TextItem;
import java.math.BigInteger;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Random TTLV trees: any item type, known and extension tags, values across each type's whole range. */
final class TtlvArbitraries {

    private TtlvArbitraries() {
    }

    /** Tags: any spec tag, a few that change how values are named, and extension tags. */
    static Arbitrary<Integer> tags() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(Tag.values()).map(Tag::code)),
                Tuple.of(2, Arbitraries.of(Tag.ATTRIBUTE_NAME, Tag.ATTRIBUTE_VALUE, Tag.CRYPTOGRAPHIC_USAGE_MASK,
                        Tag.OBJECT_TYPE, Tag.ATTRIBUTE_REFERENCE, Tag.CRYPTOGRAPHIC_ALGORITHM).map(Tag::code)),
                Tuple.of(1, Arbitraries.integers().between(0x540000, 0x54FFFF)));
    }

    /** Text that every encoding can carry: XML 1.0 cannot hold most control characters. */
    static Arbitrary<String> texts() {
        Arbitrary<String> plain = Arbitraries.strings()
                .withCharRange(' ', '\uD7FF').withCharRange('\uE000', '\uFFFD').withChars('\t', '\n', '\r')
                .ofMaxLength(24);
        Arbitrary<String> names = Arbitraries.of("Cryptographic Algorithm", "Cryptographic Usage Mask", "Object Type", "x-custom",
                "AES", "😀 <&\"'>", "");
        return Arbitraries.oneOf(plain, names);
    }

    static Arbitrary<Ttlv> leaves() {
        Arbitrary<Integer> tags = tags();
        return Arbitraries.oneOf(
                Combinators.combine(tags, Arbitraries.integers()).as(IntegerItem::new),
                Combinators.combine(tags, Arbitraries.longs()).as(LongItem::new),
                Combinators.combine(tags, Arbitraries.bigIntegers()
                        .between(BigInteger.TWO.pow(300).negate(), BigInteger.TWO.pow(300))).as(BigIntegerItem::new),
                Combinators.combine(tags, Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(0, 16)))
                        .as(EnumerationItem::new),
                Combinators.combine(tags, Arbitraries.of(true, false)).as(BooleanItem::new),
                Combinators.combine(tags, texts()).as(TextItem::new),
                Combinators.combine(tags, Arbitraries.bytes().array(byte[].class).ofMaxSize(24)).as(BytesItem::new),
                Combinators.combine(tags, Arbitraries.longs().between(DateTimeItem.MIN_SECONDS, DateTimeItem.MAX_SECONDS)
                        .map(Instant::ofEpochSecond)).as(DateTimeItem::new),
                Combinators.combine(tags, Arbitraries.longs().between(0, IntervalItem.MAX_SECONDS)).as(IntervalItem::new),
                Combinators.combine(tags, Arbitraries.longs()).as(DateTimeExtendedItem::new));
    }

    /** A structure nested at most {@code depth} levels, each with up to 6 children. */
    static Arbitrary<Ttlv> trees(int depth) {
        if (depth <= 1) {
            return Combinators.combine(tags(), leaves().list().ofMaxSize(6)).as(Structure::new);
        }
        Arbitrary<Ttlv> child = Arbitraries.frequencyOf(
                Tuple.of(3, leaves()),
                Tuple.of(1, Arbitraries.lazy(() -> trees(depth - 1))));
        return Combinators.combine(tags(), child.list().ofMaxSize(6)).as(Structure::new);
    }
}
