package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A Response Message: a header and one or more batch items, as many as the header's Batch Count. */
public record ResponseMessage(ResponseHeader header, List<ResponseBatchItem> items) {

    public ResponseMessage {
        items = List.copyOf(items);
        if (header.batchCount() != items.size()) {
            throw new IllegalArgumentException("batch count " + header.batchCount() + " but " + items.size() + " batch items");
        }
    }

    /** A message whose header's Batch Count is set from the items. */
    public static ResponseMessage of(ResponseHeader header, List<ResponseBatchItem> items) {
        return new ResponseMessage(header.withBatchCount(items.size()), items);
    }

    public Structure toTtlv() {
        return new Children().add(header.toTtlv()).addAll(items.stream().map(ResponseBatchItem::toTtlv).toList()).build(Tag.RESPONSE_MESSAGE);
    }

    /** Reads a Response Message with the same envelope rules as {@link RequestMessage#fromTtlv}. */
    public static ResponseMessage fromTtlv(Ttlv item) throws KmipMessageException {
        Structure s = Fields.structure(item, Tag.RESPONSE_MESSAGE, ResultReason.INVALID_MESSAGE);
        Fields f = Fields.of(s, ResultReason.INVALID_MESSAGE, List.of(Tag.RESPONSE_HEADER, Tag.BATCH_ITEM), Set.of(Tag.BATCH_ITEM));
        ResponseHeader header = ResponseHeader.fromTtlv(f.required(Tag.RESPONSE_HEADER, Structure.class));
        try {
            List<Structure> batchItems = f.all(Tag.BATCH_ITEM, Structure.class);
            if (batchItems.size() != header.batchCount()) {
                throw f.error("Batch Count is " + header.batchCount() + " but the message has " + batchItems.size() + " batch items");
            }
            List<ResponseBatchItem> items = new ArrayList<>(batchItems.size());
            for (Structure batchItem : batchItems) {
                items.add(ResponseBatchItem.fromTtlv(batchItem));
            }
            return new ResponseMessage(header, items);
        } catch (KmipMessageException e) {
            throw e.afterHeader(Optional.empty());
        }
    }
}
