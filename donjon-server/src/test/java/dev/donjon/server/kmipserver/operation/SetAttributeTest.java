package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SetAttributeTest extends OperationTest {

    @Test
    void setsASingleValuedAttributeWhetherOrNotTheObjectHasIt() {
        String id = aesKey(128);
        Attribute contact = new Attribute(Tag.CONTACT_INFORMATION, new Ttlv.TextItem(Tag.CONTACT_INFORMATION,
                "ops@example.org"));
        Attribute changed = new Attribute(Tag.CONTACT_INFORMATION, new Ttlv.TextItem(Tag.CONTACT_INFORMATION,
                "security@example.org"));

        serve(new RequestPayload.SetAttribute(Optional.of(id), contact), ResponsePayload.SetAttribute.class);
        serve(new RequestPayload.SetAttribute(Optional.of(id), changed), ResponsePayload.SetAttribute.class);

        assertThat(attribute(id, Tag.CONTACT_INFORMATION)).containsExactly(changed.value());
    }
}
