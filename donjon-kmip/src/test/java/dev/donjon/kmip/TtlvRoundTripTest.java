package dev.donjon.kmip;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Each encoding gives back exactly the tree it was given. */
class TtlvRoundTripTest {

    @Provide
    Arbitrary<Ttlv> trees() {
        return TtlvArbitraries.trees(4);
    }

    @Property(tries = 500)
    @Label("binary: decode(encode(x)) == x")
    void binaryRoundTrip(@ForAll("trees") Ttlv tree) throws TtlvException {
        byte[] bytes = TtlvBinary.encode(tree);
        assertThat(bytes.length % 8).isZero();
        assertThat((long) bytes.length).isEqualTo(TtlvBinary.encodedSize(tree));
        assertThat(TtlvBinary.decode(bytes)).isEqualTo(tree);
    }

    @Property(tries = 500)
    @Label("XML: decode(encode(x)) == x")
    void xmlRoundTrip(@ForAll("trees") Ttlv tree) throws TtlvException {
        assertThat(TtlvXml.decode(TtlvXml.encode(tree))).isEqualTo(tree);
    }

    @Property(tries = 500)
    @Label("JSON: decode(encode(x)) == x")
    void jsonRoundTrip(@ForAll("trees") Ttlv tree) throws TtlvException {
        assertThat(TtlvJson.decode(TtlvJson.encode(tree))).isEqualTo(tree);
    }
}
