package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.object.ManagedObject;

import java.time.Duration;

/**
 * Obtain Lease (KMIP 1.4 §4.17, 2.1 §6.1.33): the configured lease time and the object's Last Change Date. Donjon
 * issues no lease for an object whose key material is gone or compromised (Permission Denied, as §11.18 says). The
 * lease is recorded for the client, which from its end is refused Get, Export and uses (Permission Denied) until it
 * obtains a new one ({@link KeyService#obtainLease}).
 */
final class ObtainLease implements KmipOperation<RequestPayload.ObtainLease, ResponsePayload.ObtainLease> {
    private final KeyService keys;
    private final Duration leaseTime;

    /** @param leaseTime what Obtain Lease grants; zero for no lease limit */
    ObtainLease(KeyService keys, Duration leaseTime) {
        this.keys = keys;
        this.leaseTime = leaseTime;
    }

    @Override
    public Class<RequestPayload.ObtainLease> requestType() {
        return RequestPayload.ObtainLease.class;
    }

    @Override
    public ResponsePayload.ObtainLease serve(OperationContext context, RequestPayload.ObtainLease request) {
        ManagedObject object = keys.get(context.call(), context.uid(request.uniqueIdentifier()));
        requireLeasable(object);
        keys.obtainLease(context.call(), object.id(), leaseTime);
        return new ResponsePayload.ObtainLease(object.id().toString(), leaseTime.toSeconds(),
                object.secret().updated());
    }

    /** Refuses an object Donjon grants no lease for: destroyed or compromised. */
    static void requireLeasable(ManagedObject object) {
        if (object.state().isDestroyed() || object.state() == LifecycleState.COMPROMISED) {
            throw new KmipError(ResultReason.PERMISSION_DENIED, "no lease is issued for a "
                    + object.state().storedName() + " object");
        }
    }
}
