package dev.donjon.server.domain.port;

import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.LocateQuery;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.ObjectAttributes;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** The lifecycle and attributes of secrets, which {@link SecretRepository} stores the rest of. */
public interface ManagedObjectRepository {
    /**
     * Inserts a new managed object: the secret (as {@link SecretRepository#insert} would, its name the first of the
     * attributes' names), its payload if any, its lifecycle and its attributes.
     */
    void insert(Secret secret, SealedPayload payload, Lifecycle lifecycle, ObjectAttributes attributes);

    /** Finds an object of any project; callers decide what the caller may see. */
    Optional<ManagedObject> find(SecretId id);

    /** How the key material of a secret that exists may leave the server (without reading its other attributes). */
    KeyProtection protection(SecretId id);

    /**
     * The text attributes named {@code names} of an object (without reading its others): what a REST payload read
     * needs to know of replication ({@code Ownership}, {@code EdgeAllowance}).
     */
    java.util.Map<String, java.util.List<String>> textAttributes(SecretId id, java.util.List<String> names);

    void updateLifecycle(SecretId id, Lifecycle lifecycle, Instant at);

    /** Replaces all client-set attributes; the first name also becomes the secret's name. */
    void replaceAttributes(SecretId id, ObjectAttributes attributes, Instant at);

    /**
     * Which of {@code names} an object of the project other than {@code except} bears as a managed-object name (those
     * set through this repository, not the bare name of a secret stored over REST), destroyed objects aside. Each name stays locked until the
     * transaction ends, so that two transactions cannot both find a name free and both take it.
     */
    Set<String> namesTaken(ProjectId project, Collection<String> names, SecretId except);

    /** Removes the key material of a destroyed object; its metadata stays. */
    void deletePayload(SecretId id);

    /**
     * The matching identifiers, most recently created first, and the count of all matches; expired secrets match
     * nothing.
     *
     * @throws dev.donjon.server.domain.DomainException.InvalidInput when an {@code After} criterion's anchor is neither
     *         an object of the project nor one of its objects deleted within the anchor retention (its place is then
     *         unknown, and matching nothing would end a listing early as if it were complete)
     */
    Page<SecretId> locate(ProjectId project, LocateQuery query, Instant now);
}
