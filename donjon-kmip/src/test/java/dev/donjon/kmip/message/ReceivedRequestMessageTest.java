package dev.donjon.kmip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.Vectors;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A server reads a request message and refuses only the batch items it cannot serve")
class ReceivedRequestMessageTest {

    private static final Structure PAYLOAD = new Structure(Tag.REQUEST_PAYLOAD, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, "1"));
    private static final byte[] ID = {1, 2};

    private static Structure header(int batchCount) {
        return RequestHeader.of(ProtocolVersion.V1_4, batchCount).withClientCorrelationValue("c-1").toTtlv();
    }

    private static Structure message(Ttlv... children) {
        return new Structure(Tag.REQUEST_MESSAGE, children);
    }

    private static Structure item(Ttlv... children) {
        return new Structure(Tag.BATCH_ITEM, children);
    }

    private static Ttlv operation(int code) {
        return new Ttlv.EnumerationItem(Tag.OPERATION, code);
    }

    private static Ttlv id() {
        return new Ttlv.BytesItem(Tag.UNIQUE_BATCH_ITEM_ID, ID);
    }

    private static KmipMessageException refusal(Ttlv message) {
        return catchThrowableOfType(KmipMessageException.class, () -> ReceivedRequest.fromTtlv(message));
    }

    static Stream<Path> files() {
        return Vectors.files();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyVectorRequestReadsAsTheStrictReadingDoes(Path file) throws Exception {
        assumeTrue(file != null, "OASIS vectors not present; skipped outside CI");
        for (Ttlv message : Vectors.messages(file)) {
            if (message.tag() == Tag.REQUEST_MESSAGE.code()) {
                RequestMessage strict = RequestMessage.fromTtlv(message);
                ReceivedRequest received = ReceivedRequest.fromTtlv(message);
                assertThat(received.header()).isEqualTo(strict.header());
                assertThat(received.items()).isEqualTo(strict.items().stream().map(ReceivedBatchItem.Readable::new).toList());
            }
        }
    }

    @Test
    void aBatchCountThatDisagreesWithTheItemsIsTolerated() throws KmipMessageException {
        Structure destroy = item(operation(Operation.DESTROY.code()), PAYLOAD);
        ReceivedRequest read = ReceivedRequest.fromTtlv(message(header(1), destroy, destroy));
        assertThat(read.header().batchCount()).isEqualTo(1);
        assertThat(read.items()).hasSize(2).allSatisfy(i -> assertThat(i).isInstanceOf(ReceivedBatchItem.Readable.class));
    }

    @Test
    void severalItemsNeedNoUniqueBatchItemId() throws KmipMessageException {
        Structure destroy = item(operation(Operation.DESTROY.code()), PAYLOAD);
        Structure query = item(operation(Operation.QUERY.code()), new Structure(Tag.REQUEST_PAYLOAD, List.of()));
        assertThat(ReceivedRequest.fromTtlv(message(header(2), destroy, query)).items())
                .extracting(ReceivedBatchItem::operation)
                .containsExactly(Optional.of(Operation.DESTROY), Optional.of(Operation.QUERY));
    }

    @Test
    void anUnknownOperationIsRefusedAloneWithItsBatchItemId() throws KmipMessageException {
        Structure unknown = item(operation(0x7FFF), id(), PAYLOAD);
        Structure destroy = item(operation(Operation.DESTROY.code()), id(), PAYLOAD);
        List<ReceivedBatchItem> items = ReceivedRequest.fromTtlv(message(header(2), unknown, destroy)).items();
        assertThat(items.getFirst()).isInstanceOfSatisfying(ReceivedBatchItem.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(ResultReason.OPERATION_NOT_SUPPORTED);
            assertThat(refused.operation()).isEmpty();
            assertThat(refused.uniqueBatchItemId()).hasValue(ID);
        });
        assertThat(items.get(1)).isEqualTo(new ReceivedBatchItem.Readable(
                new RequestBatchItem(Operation.DESTROY, Optional.of(ID), PAYLOAD)));
    }

    @Test
    void aMissingOperationIsMissingDataForThatItem() throws KmipMessageException {
        ReceivedBatchItem read = ReceivedRequest.fromTtlv(message(header(1), item(id(), PAYLOAD))).items().getFirst();
        assertThat(read).isInstanceOfSatisfying(ReceivedBatchItem.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(ResultReason.MISSING_DATA));
    }

    @Test
    void aCriticalMessageExtensionIsRefusedAloneAndANonCriticalOneIgnored() throws KmipMessageException {
        Structure critical = item(operation(Operation.DESTROY.code()), PAYLOAD, extension(true));
        Structure ignored = item(operation(Operation.DESTROY.code()), PAYLOAD, extension(false));
        List<ReceivedBatchItem> items = ReceivedRequest.fromTtlv(message(header(2), critical, ignored)).items();
        assertThat(items.getFirst()).isInstanceOfSatisfying(ReceivedBatchItem.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
            assertThat(refused.operation()).contains(Operation.DESTROY);
        });
        assertThat(items.get(1)).isEqualTo(new ReceivedBatchItem.Readable(new RequestBatchItem(Operation.DESTROY, PAYLOAD)));
    }

    @Test
    void aMissingPayloadReadsAsAnEmptyOne() throws KmipMessageException {
        ReceivedBatchItem read = ReceivedRequest.fromTtlv(message(header(1), item(operation(Operation.QUERY.code())))).items().getFirst();
        assertThat(read).isEqualTo(new ReceivedBatchItem.Readable(
                new RequestBatchItem(Operation.QUERY, new Structure(Tag.REQUEST_PAYLOAD, List.of()))));
    }

    @Test
    void noBatchItemIsAnInvalidMessageAfterTheHeader() {
        KmipMessageException e = refusal(message(header(1)));
        assertThat(e.reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
        assertThat(e.requestHeader()).hasValueSatisfying(h -> assertThat(h.clientCorrelationValue()).contains("c-1"));
    }

    @Test
    void aBatchItemThatIsNoStructureRefusesTheMessageAfterTheHeader() {
        KmipMessageException e = refusal(message(header(1), new Ttlv.TextItem(Tag.BATCH_ITEM, "x")));
        assertThat(e.reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
        assertThat(e.headerRead()).isTrue();
    }

    @Test
    void aWronglyTypedOperationRefusesTheMessage() {
        Structure item = item(new Ttlv.IntegerItem(Tag.OPERATION, Operation.DESTROY.code()), PAYLOAD);
        KmipMessageException e = refusal(message(header(1), item));
        assertThat(e.reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
        assertThat(e.headerRead()).isTrue();
    }

    @Test
    void somethingOtherThanARequestMessageIsRefusedWithoutAHeader() {
        Structure response = new Structure(Tag.RESPONSE_MESSAGE, new ArrayList<>(List.of(header(1))));
        KmipMessageException e = refusal(response);
        assertThat(e.reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
        assertThat(e.headerRead()).isFalse();
    }

    private static Structure extension(boolean critical) {
        return new Structure(Tag.MESSAGE_EXTENSION, new Ttlv.TextItem(Tag.VENDOR_IDENTIFICATION, "acme"),
                new Ttlv.BooleanItem(Tag.CRITICALITY_INDICATOR, critical), new Structure(Tag.VENDOR_EXTENSION, List.of()));
    }
}
