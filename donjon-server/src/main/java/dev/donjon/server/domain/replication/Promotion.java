package dev.donjon.server.domain.replication;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.Ownership;

import java.util.List;

/**
 * {@code donjon replication promote}: this server becomes the owner of one of its replicas (docs/replication.md). When
 * the owner is a push peer, it is told first, through the replication channel, and this server promotes only once the
 * owner has made its own object a replica of this one (it refuses while it has changes of the object this server has not
 * received). So two servers that can talk never both own the object. An owner that cannot be reached is not overruled
 * unless the operator forces it, which is for an owner known to be lost or fenced (stopped, cut off from its clients):
 * the forced promotion still reaches the old owner when it comes back, as the new owner's next push, and it then
 * follows the new owner, losing any change it accepted in between.
 */
public final class Promotion {
    private final KeyService keys;
    private final OwnerChannel channel;

    public Promotion(KeyService keys, OwnerChannel channel) {
        this.keys = keys;
        this.channel = channel;
    }

    /** What the promotion did. */
    public record Promoted(String previousOwner, boolean ownerTold) {
    }

    /**
     * @param force promote even though the owner cannot be reached
     * @throws DomainException.Unavailable the owner cannot be reached, and {@code force} is not set
     * @throws DomainException.Refused     the object is owned here already, or the owner refused to hand it over
     */
    public Promoted promote(CallContext call, SecretId id, boolean force) {
        ManagedObject object = keys.get(call, id);
        String owner = Ownership.owner(object.attributes()).orElseThrow(() -> new DomainException.Refused(
                "the object is owned by this server already: only a replica is promoted"));
        OwnerChannel.Answer answer = channel.handOver(call, id, owner, attributes -> attributes
                .withText(Ownership.OWNER, List.of()).withText(Ownership.PREVIOUS_OWNER, List.of(owner)));
        switch (answer) {
            case OwnerChannel.Answer.Unreachable unreachable when !force -> throw new DomainException.Unavailable(
                    "the owner '" + owner + "' cannot be reached (" + unreachable.why() + "): promoting now could"
                            + " leave two owners. Retry when it answers, or promote with force once it is known to be"
                            + " lost or fenced off from its clients");
            case OwnerChannel.Answer.Refused refused -> throw new DomainException.Refused("the owner '" + owner
                    + "' refused to hand the object over: " + refused.why());
            default -> {
            }
        }
        String previous = keys.promote(call, id);
        return new Promoted(previous, answer instanceof OwnerChannel.Answer.Acknowledged);
    }
}
