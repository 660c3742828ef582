package dev.donjon.server.domain.port;

import dev.donjon.server.domain.access.Acl;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.object.KeyProtection;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A secret with everything a read of it checks and returns, fetched together ({@link SecretRepository#findForRead}).
 *
 * @param payload    the sealed payload, when it was asked for and exists
 * @param protection how the payload may leave the server ({@link KeyProtection#DEFAULT} when not asked for)
 * @param acl        the secret's ACL, if one was set
 * @param textAttributes the text attributes asked for that the secret has, values in their order
 */
public record SecretForRead(Secret secret, Optional<SealedPayload> payload, KeyProtection protection,
                            Optional<Acl> acl, Map<String, List<String>> textAttributes) {
}
