package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ModifyAttributeTest extends OperationTest {

    @Test
    void kmip2NamesTheInstanceByItsValueKmip1ByItsIndex() {
        String id = aesKey(128);
        serve(new RequestPayload.AddAttribute(Optional.of(id), AddAttributeTest.group("a")),
                ResponsePayload.AddAttribute.class);
        serve(new RequestPayload.AddAttribute(Optional.of(id), AddAttributeTest.group("b")),
                ResponsePayload.AddAttribute.class);

        serve(new RequestPayload.ModifyAttribute(Optional.of(id), Optional.of(AddAttributeTest.group("b")),
                AddAttributeTest.group("b2")), ResponsePayload.ModifyAttribute.class);
        ResponsePayload.ModifyAttribute v1 = serve(context(ProtocolVersion.V1_4), new RequestPayload.ModifyAttribute(
                Optional.of(id), Optional.empty(), new Attribute(new AttributeName.Standard(Tag.OBJECT_GROUP),
                Optional.of(0), new Ttlv.TextItem(Tag.OBJECT_GROUP, "a2"))), ResponsePayload.ModifyAttribute.class);

        // Index 0 is stated, though 1.x lets it be implied: PyKMIP reads it from every Attribute it receives.
        assertThat(v1.attribute().orElseThrow().index()).contains(0);
        assertThat(attribute(id, Tag.OBJECT_GROUP)).containsExactly(new Ttlv.TextItem(Tag.OBJECT_GROUP, "a2"),
                new Ttlv.TextItem(Tag.OBJECT_GROUP, "b2"));
    }
}
