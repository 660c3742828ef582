package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.DerivationMethod;
import dev.donjon.kmip.enums.HashingAlgorithm;
import dev.donjon.kmip.enums.LinkType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeriveKeyTest extends OperationTest {

    @Test
    void theDerivedKeyAndItsBaseLinkToEachOther() {
        String base = aesKey(256, CryptographicUsageMask.DERIVE_KEY);
        Ttlv.Structure parameters = new Ttlv.Structure(Tag.DERIVATION_PARAMETERS,
                new Ttlv.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
                        new Ttlv.EnumerationItem(Tag.HASHING_ALGORITHM, HashingAlgorithm.SHA_256)),
                new Ttlv.BytesItem(Tag.DERIVATION_DATA, "label".getBytes(StandardCharsets.UTF_8)));

        String derived = serve(new RequestPayload.DeriveKey(ObjectType.SYMMETRIC_KEY, List.of(base),
                DerivationMethod.NIST800_108_C, parameters, Attributes.symmetricKey(CryptographicAlgorithm.AES, 128)),
                ResponsePayload.DeriveKey.class).uniqueIdentifier();

        assertThat(attribute(derived, Tag.LINK)).containsExactly(link(LinkType.DERIVATION_BASE_OBJECT_LINK, base));
        assertThat(attribute(base, Tag.LINK)).containsExactly(link(LinkType.DERIVED_KEY_LINK, derived));
    }

    private static Ttlv link(LinkType type, String target) {
        return new Ttlv.Structure(Tag.LINK, new Ttlv.EnumerationItem(Tag.LINK_TYPE, type),
                new Ttlv.TextItem(Tag.LINKED_OBJECT_IDENTIFIER, target));
    }
}
