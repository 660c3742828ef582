package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Request Batch Item (KMIP 1.4 §7.2, 2.1 §8.3). The payload stays TTLV here; the typed payload
 * records read it once the operation and protocol version are known. Non-critical message
 * extensions are dropped on reading (see {@link MessageExtensions}).
 *
 * @param ephemeral KMIP 2.x: do not return the Data output of the operation
 */
public record RequestBatchItem(Operation operation, Optional<byte[]> uniqueBatchItemId, Structure payload, Optional<Boolean> ephemeral) {

    static final List<Tag> GRAMMAR = List.of(Tag.OPERATION, Tag.EPHEMERAL, Tag.UNIQUE_BATCH_ITEM_ID, Tag.REQUEST_PAYLOAD, Tag.MESSAGE_EXTENSION);

    public RequestBatchItem {
        uniqueBatchItemId = uniqueBatchItemId.map(byte[]::clone);
        if (payload.tag() != Tag.REQUEST_PAYLOAD.code()) {
            throw new IllegalArgumentException("request payload has tag " + payload.tagName());
        }
    }

    public RequestBatchItem(Operation operation, Optional<byte[]> uniqueBatchItemId, Structure payload) {
        this(operation, uniqueBatchItemId, payload, Optional.empty());
    }

    public RequestBatchItem(Operation operation, Structure payload) {
        this(operation, Optional.empty(), payload, Optional.empty());
    }

    @Override
    public Optional<byte[]> uniqueBatchItemId() {
        return uniqueBatchItemId.map(byte[]::clone);
    }

    public Structure toTtlv() {
        return new Children()
                .add(new Ttlv.EnumerationItem(Tag.OPERATION, operation))
                .bool(Tag.EPHEMERAL, ephemeral)
                .bytes(Tag.UNIQUE_BATCH_ITEM_ID, uniqueBatchItemId)
                .add(payload)
                .build(Tag.BATCH_ITEM);
    }

    /**
     * Reads a request Batch Item: a malformed item is an Invalid Message, an operation code this
     * library does not know is Operation Not Supported, a critical extension Feature Not Supported.
     */
    public static RequestBatchItem fromTtlv(Ttlv item) throws KmipMessageException {
        Fields f = Fields.of(Fields.structure(item, Tag.BATCH_ITEM, ResultReason.INVALID_MESSAGE), ResultReason.INVALID_MESSAGE, GRAMMAR,
                Set.of(Tag.MESSAGE_EXTENSION));
        int code = f.required(Tag.OPERATION, Ttlv.EnumerationItem.class).value();
        Operation operation = Operation.fromCode(code).orElseThrow(() ->
                new KmipMessageException(ResultReason.OPERATION_NOT_SUPPORTED, String.format("unknown operation 0x%08X", code)));
        Optional<byte[]> id = f.bytes(Tag.UNIQUE_BATCH_ITEM_ID);
        Structure payload = f.required(Tag.REQUEST_PAYLOAD, Structure.class);
        MessageExtensions.check(f.all(Tag.MESSAGE_EXTENSION, Structure.class));
        return new RequestBatchItem(operation, id, payload, f.bool(Tag.EPHEMERAL));
    }

    /** Equal when they encode the same; the batch item id is compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RequestBatchItem other && toTtlv().equals(other.toTtlv());
    }

    @Override
    public int hashCode() {
        return toTtlv().hashCode();
    }
}
