package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Request Message as a server receives it. Unlike {@link RequestMessage#fromTtlv}, which checks a message against
 * the envelope rules, this reads what a server can still answer item by item: the Batch Count need not match the
 * items (the response counts its own), several items need no Unique Batch Item ID (the response is in request order),
 * and an item the server cannot serve is refused on its own (see {@link ReceivedBatchItem#fromTtlv}).
 */
public record ReceivedRequest(RequestHeader header, List<ReceivedBatchItem> items) {

    public ReceivedRequest {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a request has at least one batch item");
        }
    }

    /**
     * Reads a Request Message: anything that is no Request Message, or whose header or batch item structure is
     * malformed, is refused whole; the exception says whether the header was read.
     */
    public static ReceivedRequest fromTtlv(Ttlv item) throws KmipMessageException {
        Structure s = Fields.structure(item, Tag.REQUEST_MESSAGE, ResultReason.INVALID_MESSAGE);
        Fields f = Fields.of(s, ResultReason.INVALID_MESSAGE, List.of(Tag.REQUEST_HEADER, Tag.BATCH_ITEM), Set.of(Tag.BATCH_ITEM));
        RequestHeader header = RequestHeader.fromTtlv(f.required(Tag.REQUEST_HEADER, Structure.class));
        try {
            List<Structure> batchItems = f.all(Tag.BATCH_ITEM, Structure.class);
            if (batchItems.isEmpty()) {
                throw f.error("the request has no batch item");
            }
            List<ReceivedBatchItem> items = new ArrayList<>(batchItems.size());
            for (Structure batchItem : batchItems) {
                items.add(ReceivedBatchItem.fromTtlv(batchItem));
            }
            return new ReceivedRequest(header, items);
        } catch (KmipMessageException e) {
            throw e.afterHeader(Optional.of(header));
        }
    }
}
