package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeleteAttributeTest extends OperationTest {

    @Test
    void deletesByValueInKmip2AndByNameAndIndexInKmip1() {
        String id = aesKey(128);
        for (String group : new String[]{"x", "y", "z"}) {
            serve(new RequestPayload.AddAttribute(Optional.of(id), AddAttributeTest.group(group)),
                    ResponsePayload.AddAttribute.class);
        }

        serve(new RequestPayload.DeleteAttribute(Optional.of(id), Optional.empty(), Optional.empty(),
                Optional.of(AddAttributeTest.group("y"))), ResponsePayload.DeleteAttribute.class);
        ResponsePayload.DeleteAttribute v1 = serve(context(ProtocolVersion.V1_4), new RequestPayload.DeleteAttribute(
                Optional.of(id), Optional.of(new AttributeName.Standard(Tag.OBJECT_GROUP)), Optional.of(1),
                Optional.empty()), ResponsePayload.DeleteAttribute.class);

        assertThat(v1.attribute()).hasValueSatisfying(deleted -> assertThat(deleted.value())
                .isEqualTo(new Ttlv.TextItem(Tag.OBJECT_GROUP, "z")));
        assertThat(attribute(id, Tag.OBJECT_GROUP)).containsExactly(new Ttlv.TextItem(Tag.OBJECT_GROUP, "x"));
    }

    @Test
    void theUsageMaskIsNotDeleted() {
        String id = aesKey(128);

        assertThat(reason(new RequestPayload.DeleteAttribute(Optional.of(id), Optional.of(
                new AttributeName.Standard(Tag.CRYPTOGRAPHIC_USAGE_MASK)), Optional.empty(), Optional.empty())))
                .isEqualTo(ResultReason.ATTRIBUTE_READ_ONLY);
        assertThat(attribute(id, Tag.CRYPTOGRAPHIC_USAGE_MASK)).hasSize(1);
    }

    @Test
    void kmip1NeedsTheAttributeName() {
        assertThat(reason(context(ProtocolVersion.V1_4), new RequestPayload.DeleteAttribute(Optional.of(aesKey(128)),
                Optional.empty(), Optional.empty(), Optional.empty()))).isEqualTo(ResultReason.MISSING_DATA);
    }
}
