package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.enums.BatchErrorContinuationOption;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.VersionTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.donjon.server.kmipserver.Kmip.uid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maximum Response Size (KMIP 1.4 §6.3, 2.1 §9.3) is the size of the message as sent: in the client's version, header
 * included. A response exactly that large is sent whole; one byte less and the batch item that would exceed it fails
 * with Response Too Large, the items before it answered. At 1.0 the header carries no Server Correlation Value (1.4)
 * and the items nothing newer than 1.0, so the limit is measured on what 1.0 leaves, not on the server's full answer.
 */
class KmipMaximumResponseSizeTest extends KmipServerFixture {

    @Test
    void theLimitIsTheSizeOfTheMessageAsSentInTheClientsVersion() throws Exception {
        for (ProtocolVersion version : List.of(ProtocolVersion.V1_0, ProtocolVersion.V1_4, ProtocolVersion.V2_1)) {
            try (KmipConnection kmip = connect().version(version.major(), version.minor())) {
                String id = Kmip.createAes(kmip, 256);
                boolean correlated = version.compareTo(ProtocolVersion.V1_4) >= 0;
                Structure whole = exchange(kmip, version, 1 << 20, correlated, id);
                assertThat(statuses(whole)).containsExactly(ResultStatus.SUCCESS, ResultStatus.SUCCESS);
                assertThat(VersionTable.defines(whole, version)).as("%s answer", version).isTrue();
                int size = TtlvBinary.encode(whole).length;

                Structure exact = exchange(kmip, version, size, correlated, id);
                assertThat(statuses(exact)).as("%s at exactly %d bytes", version, size)
                        .containsExactly(ResultStatus.SUCCESS, ResultStatus.SUCCESS);
                assertThat(TtlvBinary.encode(exact)).hasSize(size);

                Structure under = exchange(kmip, version, size - 1, correlated, id);
                List<Structure> items = items(under);
                assertThat(statuses(under)).as("%s at %d bytes", version, size - 1)
                        .containsExactly(ResultStatus.SUCCESS, ResultStatus.OPERATION_FAILED);
                assertThat(KmipConnection.reason(items.get(1))).isEqualTo(ResultReason.RESPONSE_TOO_LARGE);
                assertThat(items.get(0)).isEqualTo(items(whole).get(0));
                assertThat(TtlvBinary.encode(under).length).isLessThanOrEqualTo(size - 1);
            }
        }
    }

    /** Two Gets of {@code id} in one batch that goes on after a failure. */
    private static Structure exchange(KmipConnection kmip, ProtocolVersion version, int maximum, boolean correlated,
                                      String id) throws Exception {
        List<Ttlv> header = new ArrayList<>(List.of(new Structure(Tag.PROTOCOL_VERSION,
                        new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MAJOR, version.major()),
                        new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MINOR, version.minor())),
                new Ttlv.IntegerItem(Tag.MAXIMUM_RESPONSE_SIZE, maximum)));
        if (correlated) {
            header.add(new Ttlv.TextItem(Tag.CLIENT_CORRELATION_VALUE, "maximum-response-size"));
        }
        header.add(new Ttlv.EnumerationItem(Tag.BATCH_ERROR_CONTINUATION_OPTION, BatchErrorContinuationOption.CONTINUE));
        header.add(new Ttlv.IntegerItem(Tag.BATCH_COUNT, 2));
        List<Ttlv> message = new ArrayList<>(List.of(new Structure(Tag.REQUEST_HEADER, header)));
        for (int i = 0; i < 2; i++) {
            message.add(new Structure(Tag.BATCH_ITEM, new Ttlv.EnumerationItem(Tag.OPERATION, Operation.GET),
                    new Structure(Tag.REQUEST_PAYLOAD, uid(id))));
        }
        Optional<Structure> response = kmip.send(new Structure(Tag.REQUEST_MESSAGE, message));
        return response.orElseThrow(() -> new AssertionError("the server closed the connection"));
    }

    private static List<Structure> items(Structure response) {
        return response.findAll(Tag.BATCH_ITEM).stream().map(Structure.class::cast).toList();
    }

    private static List<ResultStatus> statuses(Structure response) {
        return items(response).stream().map(KmipConnection::status).toList();
    }
}
