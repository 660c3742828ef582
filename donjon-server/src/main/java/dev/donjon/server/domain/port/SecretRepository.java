package dev.donjon.server.domain.port;

import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretQuery;
import dev.donjon.server.domain.keys.SealedPayload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface SecretRepository {
    /** @param payload the sealed payload, or {@code null} for a secret whose payload comes later */
    void insert(Secret secret, SealedPayload payload);

    /** Finds a secret of any project; callers decide what the caller may see. */
    Optional<Secret> find(SecretId id);

    /**
     * Finds a secret of any project with its ACL and, when {@code withPayload}, its sealed payload and protection: what
     * a read checks and returns, in one query (one round trip on PostgreSQL instead of four).
     */
    default Optional<SecretForRead> findForRead(SecretId id, boolean withPayload) {
        return findForRead(id, withPayload, List.of());
    }

    /**
     * {@link #findForRead(SecretId, boolean)} with the text attributes named in {@code textAttributes} (see
     * {@link ManagedObjectRepository#textAttributes}), still in one query.
     */
    Optional<SecretForRead> findForRead(SecretId id, boolean withPayload, List<String> textAttributes);

    Optional<SealedPayload> payload(SecretId id);

    /** Stores the payload of a secret that has none; {@code false} if it already had one or does not exist. */
    boolean attachPayload(SecretId id, PayloadContentType contentType, SealedPayload payload, Instant at);

    /**
     * Deletes the secret, its payload and its user metadata; {@code false} if it did not exist. Its project and its
     * place in Locate's order are kept, dated {@code at}, so that a Locate paging after it still finds where it stood
     * until the anchor retention has passed ({@link LocateAnchorRepository}).
     */
    boolean delete(SecretId id, Instant at);

    /** The project's secrets matching the query, and the count of all matches. */
    Page<Secret> list(ProjectId project, SecretQuery query, Instant now);

    /** User metadata, keys in insertion order. */
    Map<String, String> userMetadata(SecretId id);

    void replaceUserMetadata(SecretId id, Map<String, String> metadata);

    /** @return {@code false} if the key already exists */
    boolean addUserMetadatum(SecretId id, String key, String value);

    /** @return {@code false} if the key does not exist */
    boolean updateUserMetadatum(SecretId id, String key, String value);

    /** @return {@code false} if the key does not exist */
    boolean deleteUserMetadatum(SecretId id, String key);
}
