package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.LinkType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReKeyKeyPairTest extends OperationTest {

    @Test
    void bothHalvesAreReplacedAndTheNewHalvesLinkToEachOther() {
        ResponsePayload.CreateKeyPair existing = ecPair();

        ResponsePayload.ReKeyKeyPair replaced = serve(new RequestPayload.ReKeyKeyPair(
                Optional.of(existing.privateKeyUniqueIdentifier()), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), ResponsePayload.ReKeyKeyPair.class);

        assertThat(attribute(replaced.privateKeyUniqueIdentifier(), Tag.LINK)).contains(new Ttlv.Structure(Tag.LINK,
                new Ttlv.EnumerationItem(Tag.LINK_TYPE, LinkType.PUBLIC_KEY_LINK),
                new Ttlv.TextItem(Tag.LINKED_OBJECT_IDENTIFIER, replaced.publicKeyUniqueIdentifier())));
        assertThat(attribute(existing.publicKeyUniqueIdentifier(), Tag.LINK)).contains(new Ttlv.Structure(Tag.LINK,
                new Ttlv.EnumerationItem(Tag.LINK_TYPE, LinkType.REPLACEMENT_OBJECT_LINK),
                new Ttlv.TextItem(Tag.LINKED_OBJECT_IDENTIFIER, replaced.publicKeyUniqueIdentifier())));
    }

    @Test
    void onlyAPrivateKeyNamesAPair() {
        ResponsePayload.CreateKeyPair existing = ecPair();

        assertThat(reason(new RequestPayload.ReKeyKeyPair(Optional.of(existing.publicKeyUniqueIdentifier()),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
    }
}
