package dev.donjon.server.domain.port;

import dev.donjon.server.domain.access.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface TokenRepository {
    void insert(ApiToken token);

    Optional<ApiToken> find(String tokenId);

    List<ApiToken> list();

    /** Revokes the token and moves the {@link #revocationVersion}; {@code false} if no such token or already revoked. */
    boolean revoke(String tokenId, Instant at);

    /** A number that every revocation increases: a node that sees it move drops the tokens it has cached. */
    long revocationVersion();
}
