package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.LinkType;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DonjonCloneTest extends OperationTest {

    @Test
    void aCloneHasTheKeyMaterialOfItsOriginItsOwnIdentifierAndAParentLinkToIt() {
        String origin = aesKey(256, CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);

        String clone = serve(new RequestPayload.DonjonClone(Optional.of(origin)), ResponsePayload.DonjonClone.class)
                .uniqueIdentifier();

        assertThat(clone).isNotEqualTo(origin);
        assertThat(GetTest.material(serve(new RequestPayload.Get(clone), ResponsePayload.Get.class)))
                .isEqualTo(GetTest.material(serve(new RequestPayload.Get(origin), ResponsePayload.Get.class)));
        assertThat(attribute(clone, Tag.LINK)).containsExactly(new Ttlv.Structure(Tag.LINK,
                new Ttlv.EnumerationItem(Tag.LINK_TYPE, LinkType.PARENT_LINK),
                new Ttlv.TextItem(Tag.LINKED_OBJECT_IDENTIFIER, origin)));
        assertThat(attribute(origin, Tag.LINK)).as("the origin is not changed").isEmpty();
        assertThat(attribute(clone, Tag.CRYPTOGRAPHIC_USAGE_MASK)).isEqualTo(attribute(origin,
                Tag.CRYPTOGRAPHIC_USAGE_MASK));
        assertThat(state(clone)).isEqualTo(State.ACTIVE);
    }

    @Test
    void theCloneIsTheBatchsIdPlaceholderAndADestroyedKeyIsNotCloned() {
        String origin = aesKey(128, CryptographicUsageMask.ENCRYPT);
        OperationContext batch = context(ProtocolVersion.V1_4);
        String clone = serve(batch, new RequestPayload.DonjonClone(Optional.of(origin)),
                ResponsePayload.DonjonClone.class).uniqueIdentifier();
        serve(batch, new RequestPayload.Revoke(Optional.empty(), dev.donjon.kmip.enums.RevocationReasonCode
                .CESSATION_OF_OPERATION, Optional.empty(), Optional.empty()), ResponsePayload.Revoke.class);
        assertThat(state(clone)).isEqualTo(State.DEACTIVATED);
        assertThat(state(origin)).isEqualTo(State.ACTIVE);

        assertThat(refusal(new RequestPayload.DonjonClone(Optional.of(clone))))
                .isInstanceOf(DomainException.Conflict.class);
    }
}
