package dev.donjon.server.domain.pki;

import dev.donjon.server.domain.barbican.OrderId;
import dev.donjon.server.domain.barbican.SecretId;

import java.util.List;

/**
 * A certificate order whose CA requires approval: everything the CA will sign, resolved when the order was taken, so
 * that approval only signs.
 *
 * @param privateKey           the stored key the certificate is for ({@code stored-key} orders), or {@code null}
 * @param privateKeyPassphrase its passphrase secret, or {@code null}
 */
public record PendingRequest(OrderId order, CaId ca, X509Engine.Subject subject, SecretId privateKey,
                             SecretId privateKeyPassphrase) {
    public List<SecretId> keyReferences() {
        return privateKey == null ? List.of() : privateKeyPassphrase == null ? List.of(privateKey)
                : List.of(privateKey, privateKeyPassphrase);
    }
}
