package dev.donjon.server.domain.keys;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.port.Store;

/**
 * The key hierarchy as the domain sees it: seals payloads under the owning project's current KEK and opens them
 * with whichever KEK version sealed them. Implementations create a project's KEK on its first seal, in a write of
 * their own: call {@link #seal} outside any {@link Store} transaction, and store its result in the next one.
 */
public interface PayloadProtector {
    SealedPayload seal(PayloadBinding binding, byte[] plaintext);

    /**
     * Makes the project's KEK ready, creating it if the project has none, so that sealing for that project needs no
     * write of its own: call it outside any transaction before {@link #seal} runs inside one.
     */
    void prepare(ProjectId project);

    /** @throws DomainException.Integrity when the ciphertext does not authenticate against the binding */
    byte[] open(PayloadBinding binding, SealedPayload sealed);

    /** The Keystore backend whose keys protect what this seals: the secret store a new secret records. */
    String secretStore();
}
