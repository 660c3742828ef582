package dev.donjon.server.domain;

import java.time.Instant;
import java.util.Optional;

/** The lifecycle and attributes of secrets, which {@link SecretRepository} stores the rest of. */
public interface ManagedObjectRepository {
    /** Records the lifecycle and attributes of a secret just inserted through {@link SecretRepository#insert}. */
    void describe(SecretId id, Lifecycle lifecycle, ObjectAttributes attributes);

    /** Finds an object of any project; callers decide what the caller may see. */
    Optional<ManagedObject> find(SecretId id);

    void updateLifecycle(SecretId id, Lifecycle lifecycle, Instant at);

    /** Replaces all client-set attributes; the first name also becomes the secret's name. */
    void replaceAttributes(SecretId id, ObjectAttributes attributes, Instant at);

    /** Removes the key material of a destroyed object; its metadata stays. */
    void deletePayload(SecretId id);

    /**
     * The matching identifiers, most recently created first, and the count of all matches; expired secrets match
     * nothing.
     */
    Page<SecretId> locate(ProjectId project, LocateQuery query, Instant now);
}
