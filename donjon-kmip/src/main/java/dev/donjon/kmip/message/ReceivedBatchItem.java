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
 * One batch item of a request as a server receives it: either an item it can serve, or the reason it refuses that
 * item alone. KMIP answers an operation it does not know, or a critical extension it does not support, in the item's
 * own response (KMIP 1.4 §6.16, §11; 2.1 §9.11, §11), so those must not refuse the whole message as
 * {@link RequestBatchItem#fromTtlv} does.
 */
public sealed interface ReceivedBatchItem {

    /** The operation to echo in the response; empty when the client named none or one this library does not know. */
    Optional<Operation> operation();

    Optional<byte[]> uniqueBatchItemId();

    /** An item to serve. */
    record Readable(RequestBatchItem item) implements ReceivedBatchItem {
        @Override
        public Optional<Operation> operation() {
            return Optional.of(item.operation());
        }

        @Override
        public Optional<byte[]> uniqueBatchItemId() {
            return item.uniqueBatchItemId();
        }
    }

    /** An item refused on its own, with the Result Reason and message to answer it with. */
    record Refused(Optional<Operation> operation, Optional<byte[]> uniqueBatchItemId, ResultReason reason, String message)
            implements ReceivedBatchItem {
        public Refused {
            uniqueBatchItemId = uniqueBatchItemId.map(byte[]::clone);
        }

        @Override
        public Optional<byte[]> uniqueBatchItemId() {
            return uniqueBatchItemId.map(byte[]::clone);
        }
    }

    /**
     * Reads a request Batch Item as a server serves it. A structure off the batch item grammar is an Invalid Message;
     * a missing Operation is Missing Data, an operation code this library does not know Operation Not Supported and a
     * critical Message Extension Feature Not Supported, each for this item only. An absent Request Payload reads as
     * an empty one, so the operation itself says which of its fields are missing.
     */
    static ReceivedBatchItem fromTtlv(Ttlv item) throws KmipMessageException {
        Fields f = Fields.of(Fields.structure(item, Tag.BATCH_ITEM, ResultReason.INVALID_MESSAGE), ResultReason.INVALID_MESSAGE,
                RequestBatchItem.GRAMMAR, Set.of(Tag.MESSAGE_EXTENSION));
        Optional<byte[]> id = f.bytes(Tag.UNIQUE_BATCH_ITEM_ID);
        Optional<Ttlv.EnumerationItem> code = f.optional(Tag.OPERATION, Ttlv.EnumerationItem.class);
        if (code.isEmpty()) {
            return new Refused(Optional.empty(), id, ResultReason.MISSING_DATA, "Operation is required");
        }
        Optional<Operation> operation = Operation.fromCode(code.get().value());
        if (operation.isEmpty()) {
            return new Refused(Optional.empty(), id, ResultReason.OPERATION_NOT_SUPPORTED,
                    String.format("unknown operation 0x%08X", code.get().value()));
        }
        try {
            MessageExtensions.check(f.all(Tag.MESSAGE_EXTENSION, Structure.class));
        } catch (KmipMessageException e) {
            if (e.reason() != ResultReason.FEATURE_NOT_SUPPORTED) {
                throw e;
            }
            return new Refused(operation, id, e.reason(), e.getMessage());
        }
        Structure payload = f.struct(Tag.REQUEST_PAYLOAD).orElseGet(() -> new Structure(Tag.REQUEST_PAYLOAD, List.of()));
        return new Readable(new RequestBatchItem(operation.get(), id, payload, f.bool(Tag.EPHEMERAL)));
    }
}
