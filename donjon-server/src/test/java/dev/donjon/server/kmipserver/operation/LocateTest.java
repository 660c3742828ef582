package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LocateTest extends OperationTest {

    private String created(String name) {
        return serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.symmetricKey(
                CryptographicAlgorithm.AES, 128).with(name(name))), ResponsePayload.Create.class).uniqueIdentifier();
    }

    @Test
    void findsByNameAndSetsTheIdPlaceholderToTheOneFound() {
        String name = unique("locate");
        String id = created(name);
        OperationContext batch = context(ProtocolVersion.V2_1);

        ResponsePayload.Locate found = serve(batch, RequestPayload.Locate.byAttributes(Attributes.of(name(name))),
                ResponsePayload.Locate.class);

        assertThat(found.uniqueIdentifiers()).containsExactly(id);
        assertThat(found.locatedItems()).isEmpty();
        assertThat(serve(batch, new RequestPayload.Activate(Optional.empty()), ResponsePayload.Activate.class)
                .uniqueIdentifier()).isEqualTo(id);
    }

    @Test
    void pagesNewestFirstAndCountsWhenAskedToPage() {
        String group = unique("group");
        Attributes inGroup = Attributes.EMPTY.with(Tag.OBJECT_GROUP, new dev.donjon.kmip.Ttlv.TextItem(
                Tag.OBJECT_GROUP, group));
        String older = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.symmetricKey(
                CryptographicAlgorithm.AES, 128).with(inGroup.list().getFirst())), ResponsePayload.Create.class)
                .uniqueIdentifier();
        String newer = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.symmetricKey(
                CryptographicAlgorithm.AES, 128).with(inGroup.list().getFirst())), ResponsePayload.Create.class)
                .uniqueIdentifier();

        ResponsePayload.Locate first = serve(new RequestPayload.Locate(Optional.of(1), Optional.empty(),
                Optional.empty(), Optional.empty(), inGroup), ResponsePayload.Locate.class);
        ResponsePayload.Locate second = serve(new RequestPayload.Locate(Optional.of(1), Optional.of(1),
                Optional.empty(), Optional.empty(), inGroup), ResponsePayload.Locate.class);

        assertThat(first.uniqueIdentifiers()).containsExactly(newer);
        assertThat(second.uniqueIdentifiers()).containsExactly(older);
        assertThat(first.locatedItems()).contains(2);
        // KMIP 1.2 has no Located Items.
        assertThat(serve(context(ProtocolVersion.V1_2), new RequestPayload.Locate(Optional.of(1), Optional.empty(),
                Optional.empty(), Optional.empty(), inGroup), ResponsePayload.Locate.class).locatedItems()).isEmpty();
    }

    @Test
    void aDestroyedObjectIsFoundOnlyByItsState() {
        String name = unique("gone");
        String id = created(name);
        serve(new RequestPayload.Destroy(Optional.of(id)), ResponsePayload.Destroy.class);

        assertThat(serve(RequestPayload.Locate.byAttributes(Attributes.of(name(name))), ResponsePayload.Locate.class)
                .uniqueIdentifiers()).isEmpty();
        assertThat(serve(RequestPayload.Locate.byAttributes(Attributes.of(name(name)).withEnumeration(Tag.STATE,
                State.DESTROYED)), ResponsePayload.Locate.class).uniqueIdentifiers()).containsExactly(id);
    }
}
