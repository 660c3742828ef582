package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExportTest extends OperationTest {

    private static RequestPayload.Export export(String id) {
        return new RequestPayload.Export(Optional.of(id), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Test
    void servesTheObjectWithAllItsAttributesAndADestroyedOneWithoutMaterial() {
        String id = aesKey(128);

        ResponsePayload.Export exported = serve(export(id), ResponsePayload.Export.class);
        assertThat(exported.managedObject()).isPresent();
        assertThat(exported.attributes().first(Tag.STATE)).contains(new Ttlv.EnumerationItem(Tag.STATE,
                State.ACTIVE));

        serve(new RequestPayload.Revoke(Optional.of(id), dev.donjon.kmip.enums.RevocationReasonCode.SUPERSEDED,
                Optional.empty(), Optional.empty()), ResponsePayload.Revoke.class);
        serve(new RequestPayload.Destroy(Optional.of(id)), ResponsePayload.Destroy.class);
        ResponsePayload.Export destroyed = serve(export(id), ResponsePayload.Export.class);
        assertThat(destroyed.managedObject()).isEmpty();
        assertThat(destroyed.attributes().first(Tag.STATE)).contains(new Ttlv.EnumerationItem(Tag.STATE,
                State.DESTROYED));
    }

    @Test
    void at14ItAnswersOnly14AttributesInThe14Encoding() {
        String id = aesKey(128);
        ResponsePayload.Export exported = serve(context(dev.donjon.kmip.message.ProtocolVersion.V1_4), export(id),
                ResponsePayload.Export.class);
        assertThat(exported.managedObject()).isPresent();
        assertThat(exported.attributes().first(Tag.STATE)).isPresent();
        // 2.x-only attributes have no 1.x name, so 1.4's bare Attribute structures could not carry them.
        assertThat(exported.attributes().first(Tag.SHORT_UNIQUE_IDENTIFIER)).isEmpty();
        assertThat(exported.attributes().first(Tag.PROTECTION_STORAGE_MASK)).isEmpty();
        Ttlv.Structure wire = exported.toTtlv(dev.donjon.kmip.message.ProtocolVersion.V1_4);
        assertThat(wire.findAll(Tag.ATTRIBUTE)).hasSize(exported.attributes().list().size());
        assertThat(wire.find(Tag.ATTRIBUTES)).isEmpty();
    }
}
