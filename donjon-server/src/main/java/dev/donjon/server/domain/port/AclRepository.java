package dev.donjon.server.domain.port;

import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.access.Acl;
import dev.donjon.server.domain.barbican.ContainerId;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read ACLs of secrets and containers; an object without one has {@link Acl#DEFAULT}. */
public interface AclRepository {
    Optional<Acl> ofSecret(SecretId id);

    /** Sets the secret's ACL, keeping its creation time if it had one. */
    void putForSecret(SecretId id, boolean projectAccess, List<String> users, Instant at);

    /** @return {@code false} if the secret had the default ACL already */
    boolean deleteForSecret(SecretId id);

    Optional<Acl> ofContainer(ContainerId id);

    void putForContainer(ContainerId id, boolean projectAccess, List<String> users, Instant at);

    boolean deleteForContainer(ContainerId id);

    /** Unexpired secrets of any project whose ACL lists the user, oldest first. */
    Page<Secret> secretsSharedWith(String userId, int offset, int limit, Instant now);
}
