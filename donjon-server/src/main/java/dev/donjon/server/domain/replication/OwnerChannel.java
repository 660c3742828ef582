package dev.donjon.server.domain.replication;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.object.ObjectAttributes;

import java.util.function.UnaryOperator;

/**
 * Port: the replication channel to the other servers (KMIP mutual TLS, docs/replication.md), as promotion uses it: tell
 * an object's owner, and wait for its answer, that this server takes the object over.
 */
public interface OwnerChannel {
    /** How the owner answered. */
    sealed interface Answer {
        /** The owner made its object a replica of this server's. */
        record Acknowledged() implements Answer {
        }

        /** The owner is no push peer here: there is no channel to tell it through. */
        record NoChannel() implements Answer {
        }

        /** The owner could not be reached. */
        record Unreachable(String why) implements Answer {
        }

        /** The owner answered and refused (it has changes this server lacks, ...). */
        record Refused(String why) implements Answer {
        }
    }

    /** A server without push peers. */
    OwnerChannel NONE = (call, id, owner, promoted) -> new Answer.NoChannel();

    /**
     * @param promoted the object's attributes as they will be here once promoted: the owner and its replicas follow
     *                 the copy that names it as the previous owner
     */
    Answer handOver(CallContext call, SecretId id, String owner, UnaryOperator<ObjectAttributes> promoted);
}
