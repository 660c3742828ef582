package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.transfer.LockboxService;

import java.nio.charset.StandardCharsets;

/**
 * Donjon Replicate, a vendor extension operation (0x80000010, docs/replication.md): one replication change an owner
 * pushes to this server, a lockbox signed by the owner (and, for an upsert, encrypted for this server) in the Data
 * field. The answer is the acknowledgement the owner's cursor waits for: the change is applied, or was already.
 */
public final class DonjonReplicate
        implements KmipOperation<RequestPayload.DonjonReplicate, ResponsePayload.DonjonReplicate> {
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
        LockboxService.Applied applied = lockboxes.applyChange(context.call(),
                new String(request.change(), StandardCharsets.US_ASCII));
        return new ResponsePayload.DonjonReplicate(applied.id().toString());
    }
}
