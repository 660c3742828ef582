package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.UsageMask;

import java.time.Duration;
import java.util.Optional;

/**
 * Check (KMIP 1.4 §4.10, 2.1 §6.1.6): whether the object's usage mask allows the usage given, and whether Obtain Lease
 * would grant the Lease Time given. A failed check is an error here; the fields that failed are not echoed.
 */
final class Check implements KmipOperation<RequestPayload.Check, ResponsePayload.Check> {
    private final KeyService keys;
    private final Duration leaseTime;

    /** @param leaseTime what Obtain Lease grants; zero for no lease limit */
    Check(KeyService keys, Duration leaseTime) {
        this.keys = keys;
        this.leaseTime = leaseTime;
    }

    @Override
    public Class<RequestPayload.Check> requestType() {
        return RequestPayload.Check.class;
    }

    @Override
    public ResponsePayload.Check serve(OperationContext context, RequestPayload.Check request) {
        ManagedObject object = keys.get(context.call(), context.uid(request.uniqueIdentifier()));
        Optional<Integer> mask = request.cryptographicUsageMask();
        if (mask.isPresent() && !object.attributes().usageMask().covers(new UsageMask(mask.get()))) {
            throw new DomainException.Conflict(DomainException.Clash.USAGE_NOT_PERMITTED);
        }
        // KMIP 1.4 §4.10: a Lease Time asks whether Obtain Lease would grant at least that long.
        Optional<Long> lease = request.leaseTime();
        if (lease.isPresent()) {
            ObtainLease.requireLeasable(object);
            if (!leaseTime.isZero() && lease.get() > leaseTime.toSeconds()) {
                throw new KmipError(ResultReason.PERMISSION_DENIED, "leases are granted for at most "
                        + leaseTime.toSeconds() + " seconds");
            }
        }
        // The mask comes back only when the check fails (KMIP 1.4 §4.10), which is an error here.
        return new ResponsePayload.Check(Optional.of(object.id().toString()), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
