package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AddAttributeTest extends OperationTest {

    static Attribute group(String value) {
        return new Attribute(Tag.OBJECT_GROUP, new Ttlv.TextItem(Tag.OBJECT_GROUP, value));
    }

    @Test
    void aMultiValuedAttributeGetsAnotherInstanceAndKmip1IsToldItsIndex() {
        String id = aesKey(128);
        serve(new RequestPayload.AddAttribute(Optional.of(id), group("first")), ResponsePayload.AddAttribute.class);

        ResponsePayload.AddAttribute second = serve(context(ProtocolVersion.V1_4), new RequestPayload.AddAttribute(
                Optional.of(id), group("second")), ResponsePayload.AddAttribute.class);

        assertThat(second.attribute()).hasValueSatisfying(added -> assertThat(added.index()).contains(1));
        assertThat(attribute(id, Tag.OBJECT_GROUP)).containsExactly(new Ttlv.TextItem(Tag.OBJECT_GROUP, "first"),
                new Ttlv.TextItem(Tag.OBJECT_GROUP, "second"));
    }

    @Test
    void aLifecycleDateTheObjectHasIsSingleValued() {
        String id = aesKey(128);
        Attribute deactivation = new Attribute(Tag.DEACTIVATION_DATE, new Ttlv.DateTimeItem(Tag.DEACTIVATION_DATE,
                Instant.parse("2100-01-01T00:00:00Z")));
        serve(new RequestPayload.AddAttribute(Optional.of(id), deactivation), ResponsePayload.AddAttribute.class);

        assertThat(reason(new RequestPayload.AddAttribute(Optional.of(id), deactivation)))
                .isEqualTo(ResultReason.ATTRIBUTE_SINGLE_VALUED);
        assertThat(reason(context(ProtocolVersion.V1_4), new RequestPayload.AddAttribute(Optional.of(id),
                deactivation))).isEqualTo(ResultReason.ILLEGAL_OPERATION);
    }
}
