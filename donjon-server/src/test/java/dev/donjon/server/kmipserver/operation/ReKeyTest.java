package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.LinkType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReKeyTest extends OperationTest {

    @Test
    void theReplacementTakesTheNameAndTheTwoKeysLink() {
        String name = unique("rotating");
        String existing = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.symmetricKey(
                CryptographicAlgorithm.AES, 256).with(name(name))), ResponsePayload.Create.class).uniqueIdentifier();
        serve(new RequestPayload.Activate(Optional.of(existing)), ResponsePayload.Activate.class);

        String replacement = serve(new RequestPayload.ReKey(Optional.of(existing), Optional.of(0L), Optional.empty()),
                ResponsePayload.ReKey.class).uniqueIdentifier();

        assertThat(replacement).isNotEqualTo(existing);
        assertThat(state(replacement)).isEqualTo(State.ACTIVE);
        assertThat(attribute(replacement, Tag.CRYPTOGRAPHIC_LENGTH)).containsExactly(new Ttlv.IntegerItem(
                Tag.CRYPTOGRAPHIC_LENGTH, 256));
        assertThat(serve(RequestPayload.Locate.byAttributes(Attributes.of(name(name))), ResponsePayload.Locate.class)
                .uniqueIdentifiers()).containsExactly(replacement);
        assertThat(attribute(existing, Tag.LINK)).contains(new Ttlv.Structure(Tag.LINK,
                new Ttlv.EnumerationItem(Tag.LINK_TYPE, LinkType.REPLACEMENT_OBJECT_LINK),
                new Ttlv.TextItem(Tag.LINKED_OBJECT_IDENTIFIER, replacement)));
    }
}
