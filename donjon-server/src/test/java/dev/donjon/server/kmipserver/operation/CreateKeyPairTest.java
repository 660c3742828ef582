package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.LinkType;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CreateKeyPairTest extends OperationTest {

    @Test
    void theHalvesLinkToEachOtherAndGetTheirOwnUsage() {
        ResponsePayload.CreateKeyPair pair = ecPair();

        assertThat(attribute(pair.privateKeyUniqueIdentifier(), Tag.LINK)).contains(link(LinkType.PUBLIC_KEY_LINK,
                pair.publicKeyUniqueIdentifier()));
        assertThat(attribute(pair.publicKeyUniqueIdentifier(), Tag.LINK)).contains(link(LinkType.PRIVATE_KEY_LINK,
                pair.privateKeyUniqueIdentifier()));
        assertThat(attribute(pair.privateKeyUniqueIdentifier(), Tag.CRYPTOGRAPHIC_USAGE_MASK)).containsExactly(
                new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.SIGN.code()));
    }

    private static Ttlv link(LinkType type, String target) {
        return new Ttlv.Structure(Tag.LINK, new Ttlv.EnumerationItem(Tag.LINK_TYPE, type),
                new Ttlv.TextItem(Tag.LINKED_OBJECT_IDENTIFIER, target));
    }
}
