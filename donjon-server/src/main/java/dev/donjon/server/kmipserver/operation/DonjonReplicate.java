package dev.donjon.server.kmipserver.operation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.transfer.LockboxService;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Donjon Replicate, a vendor extension operation (0x80000010, docs/replication.md): replication changes an owner pushes
 * to this server, in the Data field. Either one change, a lockbox signed by the owner (and, for an upsert, encrypted
 * for this server), answered with the object's identifier; or a batch of changes under one signature
 * ({@code donjon-replication-batch+jws}), answered with the batch's identifier and, in Data, the JSON
 * {@code {"through": N, "applied": a, "ignored": i, "refused": [{"seq", "object", "reason"}]}}: the owner moves its
 * cursor for this server to change N, the highest of the batch up to which every change was applied, found applied
 * already, or refused.
 */
public final class DonjonReplicate
        implements KmipOperation<RequestPayload.DonjonReplicate, ResponsePayload.DonjonReplicate> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LockboxService lockboxes;

    public DonjonReplicate(LockboxService lockboxes) {
        this.lockboxes = lockboxes;
    }

    @Override
    public Class<RequestPayload.DonjonReplicate> requestType() {
        return RequestPayload.DonjonReplicate.class;
    }

    @Override
    public ResponsePayload.DonjonReplicate serve(OperationContext context, RequestPayload.DonjonReplicate request) {
        String message = new String(request.change(), StandardCharsets.US_ASCII);
        if (!lockboxes.isBatch(message)) {
            LockboxService.Applied applied = lockboxes.applyChange(context.call(), message);
            return new ResponsePayload.DonjonReplicate(applied.id().toString());
        }
        LockboxService.BatchApplied applied = lockboxes.applyBatch(context.call(), message);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("through", applied.through());
        answer.put("applied", applied.applied());
        answer.put("ignored", applied.ignored());
        applied.refused().forEach(refused -> answer.withArray("refused").addObject()
                .put("seq", refused.sequence()).put("object", refused.objectId()).put("reason", refused.reason()));
        return new ResponsePayload.DonjonReplicate(applied.lockboxId(),
                Optional.of(answer.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
