package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A Request Message: a header and one or more batch items, as many as the header's Batch Count. */
public record RequestMessage(RequestHeader header, List<RequestBatchItem> items) {

    public RequestMessage {
        items = List.copyOf(items);
        if (header.batchCount() != items.size()) {
            throw new IllegalArgumentException("batch count " + header.batchCount() + " but " + items.size() + " batch items");
        }
    }

    /** A message whose header's Batch Count is set from the items. */
    public static RequestMessage of(RequestHeader header, List<RequestBatchItem> items) {
        return new RequestMessage(header.withBatchCount(items.size()), items);
    }

    public Structure toTtlv() {
        return new Children().add(header.toTtlv()).addAll(items.stream().map(RequestBatchItem::toTtlv).toList()).build(Tag.REQUEST_MESSAGE);
    }

    /**
     * Reads a Request Message. The exception says whether the header was read; the envelope rules
     * checked are the specification's: one header first, then at least one batch item, exactly
     * Batch Count of them, and each with a Unique Batch Item ID when there are several.
     */
    public static RequestMessage fromTtlv(Ttlv item) throws KmipMessageException {
        Structure s = Fields.structure(item, Tag.REQUEST_MESSAGE, ResultReason.INVALID_MESSAGE);
        Fields f = Fields.of(s, ResultReason.INVALID_MESSAGE, List.of(Tag.REQUEST_HEADER, Tag.BATCH_ITEM), Set.of(Tag.BATCH_ITEM));
        RequestHeader header = RequestHeader.fromTtlv(f.required(Tag.REQUEST_HEADER, Structure.class));
        try {
            List<Structure> batchItems = f.all(Tag.BATCH_ITEM, Structure.class);
            if (batchItems.size() != header.batchCount()) {
                throw f.error("Batch Count is " + header.batchCount() + " but the message has " + batchItems.size() + " batch items");
            }
            List<RequestBatchItem> items = new ArrayList<>(batchItems.size());
            for (Structure batchItem : batchItems) {
                RequestBatchItem parsed = RequestBatchItem.fromTtlv(batchItem);
                if (batchItems.size() > 1 && parsed.uniqueBatchItemId().isEmpty()) {
                    throw f.error("a batch of " + batchItems.size() + " items needs a Unique Batch Item ID in each");
                }
                items.add(parsed);
            }
            return new RequestMessage(header, items);
        } catch (KmipMessageException e) {
            throw e.afterHeader(Optional.of(header));
        }
    }
}
