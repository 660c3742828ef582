package dev.donjon.server.domain.barbican;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A Keystore backend that holds key material, as Barbican's multi-store API shows it. The identifier is derived from
 * the backend's name, so it stays the same across restarts and nodes.
 *
 * @param plugin       the backend kind ({@code software}; {@code pkcs11} later)
 * @param globalDefault whether new secrets go there unless their project prefers another store
 */
public record SecretStore(UUID id, String name, String plugin, boolean globalDefault, Instant created) {
    public static SecretStore named(String name, String plugin, boolean globalDefault, Instant created) {
        UUID id = UUID.nameUUIDFromBytes(("donjon-secret-store:" + plugin).getBytes(StandardCharsets.UTF_8));
        return new SecretStore(id, name, plugin, globalDefault, created);
    }
}
