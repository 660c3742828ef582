package dev.donjon.kmip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A malformed request envelope is refused with the Result Reason a server answers with")
class MalformedEnvelopeTest {

    private static final Structure HEADER = RequestHeader.of(ProtocolVersion.V1_4, 1).withClientCorrelationValue("c-1").toTtlv();
    private static final Structure ITEM = new RequestBatchItem(Operation.DESTROY,
            new Structure(Tag.REQUEST_PAYLOAD, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, "1"))).toTtlv();

    private static KmipMessageException refusal(Ttlv message) {
        return catchThrowableOfType(KmipMessageException.class, () -> RequestMessage.fromTtlv(message));
    }

    private static Structure message(Ttlv... children) {
        return new Structure(Tag.REQUEST_MESSAGE, children);
    }

    private static Structure withChild(Structure structure, int index, Ttlv replacement) {
        List<Ttlv> children = new ArrayList<>(structure.children());
        children.set(index, replacement);
        return new Structure(structure.tag(), children);
    }

    @Test
    void aWellFormedMessageReads() throws KmipMessageException {
        RequestMessage read = RequestMessage.fromTtlv(message(HEADER, ITEM));
        assertThat(read.header().clientCorrelationValue()).contains("c-1");
        assertThat(read.items()).singleElement().extracting(RequestBatchItem::operation).isEqualTo(Operation.DESTROY);
    }

    @Test
    void somethingOtherThanARequestMessageIsInvalidWithoutAHeader() {
        KmipMessageException e = refusal(new Ttlv.TextItem(Tag.REQUEST_MESSAGE, "hello"));
        assertThat(e.reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
        assertThat(e.headerRead()).isFalse();
    }

    @Test
    void aMissingHeaderIsInvalidWithoutAHeader() {
        KmipMessageException e = refusal(message(ITEM));
        assertThat(e.reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
        assertThat(e.headerRead()).isFalse();
        assertThat(e.requestHeader()).isEmpty();
    }

    @Test
    void aHeaderAfterTheBatchItemsIsInvalid() {
        assertThat(refusal(message(ITEM, HEADER)).reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
    }

    @Test
    void aBatchCountThatDisagreesWithTheItemsIsInvalidButTheHeaderWasRead() {
        KmipMessageException e = refusal(message(HEADER, ITEM, ITEM));
        assertThat(e.reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
        assertThat(e.headerRead()).isTrue();
        assertThat(e.requestHeader()).hasValueSatisfying(h -> assertThat(h.clientCorrelationValue()).contains("c-1"));
    }

    @Test
    void noBatchItemAtAllIsInvalid() {
        assertThat(refusal(message(HEADER)).reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
    }

    @Test
    void severalItemsWithoutUniqueBatchItemIdsAreInvalid() {
        Structure header = RequestHeader.of(ProtocolVersion.V1_4, 2).toTtlv();
        assertThat(refusal(message(header, ITEM, ITEM)).reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
    }

    @Test
    void aWronglyTypedHeaderFieldIsInvalid() {
        Structure textBatchCount = withChild(HEADER, HEADER.children().size() - 1, new Ttlv.TextItem(Tag.BATCH_COUNT, "1"));
        KmipMessageException e = refusal(message(textBatchCount, ITEM));
        assertThat(e.reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
        assertThat(e.headerRead()).isFalse();
    }

    @Test
    void aWronglyTypedOperationIsInvalidAfterTheHeader() {
        Structure item = withChild(ITEM, 0, new Ttlv.IntegerItem(Tag.OPERATION, Operation.DESTROY.code()));
        KmipMessageException e = refusal(message(HEADER, item));
        assertThat(e.reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
        assertThat(e.headerRead()).isTrue();
    }

    @Test
    void anUnknownOperationIsNotSupported() {
        Structure item = withChild(ITEM, 0, new Ttlv.EnumerationItem(Tag.OPERATION, 0x7FFF));
        KmipMessageException e = refusal(message(HEADER, item));
        assertThat(e.reason()).isEqualTo(ResultReason.OPERATION_NOT_SUPPORTED);
        assertThat(e.headerRead()).isTrue();
    }

    @Test
    void anUnknownBatchErrorContinuationOptionIsAnInvalidField() {
        List<Ttlv> children = new ArrayList<>(HEADER.children());
        children.add(children.size() - 1, new Ttlv.EnumerationItem(Tag.BATCH_ERROR_CONTINUATION_OPTION, 99));
        assertThat(refusal(message(new Structure(Tag.REQUEST_HEADER, children), ITEM)).reason()).isEqualTo(ResultReason.INVALID_FIELD);
    }

    @Test
    void aForeignFieldInTheHeaderIsInvalid() {
        List<Ttlv> children = new ArrayList<>(HEADER.children());
        children.add(1, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, "x"));
        assertThat(refusal(message(new Structure(Tag.REQUEST_HEADER, children), ITEM)).reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
    }

    @Test
    void aMissingPayloadIsInvalid() {
        Structure item = new Structure(Tag.BATCH_ITEM, new Ttlv.EnumerationItem(Tag.OPERATION, Operation.DESTROY));
        assertThat(refusal(message(HEADER, item)).reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
    }

    @Test
    void aCriticalMessageExtensionIsNotSupportedAndANonCriticalOneIsIgnored() throws KmipMessageException {
        Structure critical = extension(true);
        Structure ignored = extension(false);
        assertThat(refusal(message(HEADER, appended(ITEM, critical))).reason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
        assertThat(RequestMessage.fromTtlv(message(HEADER, appended(ITEM, ignored))).items().getFirst().toTtlv()).isEqualTo(ITEM);
    }

    @Test
    void aFailedResponseItemMustSayWhy() {
        Structure header = ResponseHeader.of(ProtocolVersion.V2_1, Instant.EPOCH, 1).toTtlv();
        Structure item = new Structure(Tag.BATCH_ITEM, new Ttlv.EnumerationItem(Tag.OPERATION, Operation.GET),
                new Ttlv.EnumerationItem(Tag.RESULT_STATUS, ResultStatus.OPERATION_FAILED));
        KmipMessageException e = catchThrowableOfType(KmipMessageException.class,
                () -> ResponseMessage.fromTtlv(new Structure(Tag.RESPONSE_MESSAGE, header, item)));
        assertThat(e.reason()).isEqualTo(ResultReason.INVALID_MESSAGE);
        assertThat(e.headerRead()).isTrue();
    }

    @Test
    void aPayloadOffItsGrammarIsAnInvalidField() throws KmipMessageException {
        Structure payload = new Structure(Tag.REQUEST_PAYLOAD, new Ttlv.IntegerItem(Tag.UNIQUE_IDENTIFIER, 7));
        KmipMessageException e = catchThrowableOfType(KmipMessageException.class,
                () -> RequestPayload.fromTtlv(Operation.DESTROY, payload, ProtocolVersion.V1_4));
        assertThat(e.reason()).isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(RequestPayload.fromTtlv(Operation.DESTROY, new Structure(Tag.REQUEST_PAYLOAD, List.of()), ProtocolVersion.V1_4)
                .map(p -> (RequestPayload.Destroy) p)).isEqualTo(Optional.of(new RequestPayload.Destroy(Optional.empty())));
    }

    private static Structure extension(boolean critical) {
        return new Structure(Tag.MESSAGE_EXTENSION, new Ttlv.TextItem(Tag.VENDOR_IDENTIFICATION, "acme"),
                new Ttlv.BooleanItem(Tag.CRITICALITY_INDICATOR, critical), new Structure(Tag.VENDOR_EXTENSION, List.of()));
    }

    private static Structure appended(Structure structure, Ttlv child) {
        List<Ttlv> children = new ArrayList<>(structure.children());
        children.add(child);
        return new Structure(structure.tag(), children);
    }
}
