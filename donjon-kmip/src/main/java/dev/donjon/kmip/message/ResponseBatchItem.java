package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Response Batch Item (KMIP 1.4 §7.2, 2.1 §8.6). The operation is optional because a server
 * answering a batch item whose operation it could not read has none to echo.
 *
 * @param resultReason required when the status is Operation Failed
 * @param payload      required unless the status is Operation Failed; stays TTLV like the request's
 */
public record ResponseBatchItem(
        Optional<Operation> operation,
        Optional<byte[]> uniqueBatchItemId,
        ResultStatus resultStatus,
        Optional<ResultReason> resultReason,
        Optional<String> resultMessage,
        Optional<byte[]> asynchronousCorrelationValue,
        Optional<Structure> payload) {

    private static final List<Tag> GRAMMAR = List.of(Tag.OPERATION, Tag.UNIQUE_BATCH_ITEM_ID, Tag.RESULT_STATUS, Tag.RESULT_REASON,
            Tag.RESULT_MESSAGE, Tag.ASYNCHRONOUS_CORRELATION_VALUE, Tag.RESPONSE_PAYLOAD, Tag.MESSAGE_EXTENSION);

    public ResponseBatchItem {
        uniqueBatchItemId = uniqueBatchItemId.map(byte[]::clone);
        asynchronousCorrelationValue = asynchronousCorrelationValue.map(byte[]::clone);
        if (resultStatus == ResultStatus.OPERATION_FAILED && resultReason.isEmpty()) {
            throw new IllegalArgumentException("a failed batch item needs a result reason");
        }
        payload.ifPresent(p -> {
            if (p.tag() != Tag.RESPONSE_PAYLOAD.code()) {
                throw new IllegalArgumentException("response payload has tag " + p.tagName());
            }
        });
    }

    public static ResponseBatchItem success(Operation operation, Optional<byte[]> uniqueBatchItemId, Structure payload) {
        return new ResponseBatchItem(Optional.of(operation), uniqueBatchItemId, ResultStatus.SUCCESS, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(payload));
    }

    public static ResponseBatchItem failure(Optional<Operation> operation, Optional<byte[]> uniqueBatchItemId, ResultReason reason, String message) {
        return new ResponseBatchItem(operation, uniqueBatchItemId, ResultStatus.OPERATION_FAILED, Optional.of(reason), Optional.of(message),
                Optional.empty(), Optional.empty());
    }

    @Override
    public Optional<byte[]> uniqueBatchItemId() {
        return uniqueBatchItemId.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> asynchronousCorrelationValue() {
        return asynchronousCorrelationValue.map(byte[]::clone);
    }

    public Structure toTtlv() {
        return new Children()
                .enumeration(Tag.OPERATION, operation)
                .bytes(Tag.UNIQUE_BATCH_ITEM_ID, uniqueBatchItemId)
                .add(new Ttlv.EnumerationItem(Tag.RESULT_STATUS, resultStatus))
                .enumeration(Tag.RESULT_REASON, resultReason)
                .text(Tag.RESULT_MESSAGE, resultMessage)
                .bytes(Tag.ASYNCHRONOUS_CORRELATION_VALUE, asynchronousCorrelationValue)
                .add(payload)
                .build(Tag.BATCH_ITEM);
    }

    public static ResponseBatchItem fromTtlv(Ttlv item) throws KmipMessageException {
        Fields f = Fields.of(Fields.structure(item, Tag.BATCH_ITEM, ResultReason.INVALID_MESSAGE), ResultReason.INVALID_MESSAGE, GRAMMAR,
                Set.of(Tag.MESSAGE_EXTENSION));
        Optional<Operation> operation = f.enumeration(Tag.OPERATION, Operation::fromCode);
        ResultStatus status = f.enumeration(Tag.RESULT_STATUS, ResultStatus::fromCode).orElseThrow(() -> f.error("Batch Item lacks Result Status"));
        Optional<ResultReason> reason = f.enumeration(Tag.RESULT_REASON, ResultReason::fromCode);
        if (status == ResultStatus.OPERATION_FAILED && reason.isEmpty()) {
            throw f.error("a failed Batch Item lacks Result Reason");
        }
        Optional<Structure> payload = f.struct(Tag.RESPONSE_PAYLOAD);
        MessageExtensions.check(f.all(Tag.MESSAGE_EXTENSION, Structure.class));
        return new ResponseBatchItem(operation, f.bytes(Tag.UNIQUE_BATCH_ITEM_ID), status, reason, f.text(Tag.RESULT_MESSAGE),
                f.bytes(Tag.ASYNCHRONOUS_CORRELATION_VALUE), payload);
    }

    /** Equal when they encode the same; byte fields are compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseBatchItem other && toTtlv().equals(other.toTtlv());
    }

    @Override
    public int hashCode() {
        return toTtlv().hashCode();
    }
}
