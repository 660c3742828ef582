package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.AttributeCodec;
import dev.donjon.kmip.message.AttributeName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** One concept, one name: the server's attributes are named, and marked 1.x- or 2.x-only, by the library. */
class KmipAttributeTest {

    @Test
    void every1xAttributeHasTheLibrarysNameAndIsFoundByIt() {
        for (KmipAttribute attribute : KmipAttribute.values()) {
            AttributeName name = new AttributeName.Standard(attribute.tag());
            AttributeCodec.v1Name(name).ifPresent(v1 -> {
                assertThat(attribute.v1Name()).isEqualTo(v1);
                assertThat(KmipAttribute.byV1Name(v1)).contains(attribute);
            });
            assertThat(attribute.v2Only()).isEqualTo(AttributeCodec.v1Name(name).isEmpty());
            assertThat(attribute.v1Only()).isEqualTo(!AttributeCodec.existsInV2(name));
        }
        assertThat(Arrays.stream(KmipAttribute.values()).filter(KmipAttribute::v1Only)).containsExactlyInAnyOrder(
                KmipAttribute.OPERATION_POLICY_NAME, KmipAttribute.CERTIFICATE_IDENTIFIER,
                KmipAttribute.CERTIFICATE_SUBJECT, KmipAttribute.CERTIFICATE_ISSUER);
    }

    @Test
    void a2xOnlyAttributeKeepsTheNameItIsStoredUnder() {
        assertThat(KmipAttribute.SHORT_UNIQUE_IDENTIFIER.v2Only()).isTrue();
        assertThat(KmipAttribute.SHORT_UNIQUE_IDENTIFIER.v1Name()).isEqualTo("Short Unique Identifier");
        assertThat(KmipAttribute.CERTIFICATE_SUBJECT_CN.v1Name()).isEqualTo("Certificate Subject CN");
    }
}
