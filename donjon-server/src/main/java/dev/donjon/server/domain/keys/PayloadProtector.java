package dev.donjon.server.domain.keys;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.port.Store;

/**
 * Where payloads are kept, as the domain sees it: sealed under the owning project's current KEK (opened with whichever
 * KEK version sealed them), or held by an external device that the database only references. Implementations create a
 * project's KEK on its first seal, in a write of their own: call {@link #seal} outside any {@link Store} transaction,
 * and store its result in the next one.
 */
public interface PayloadProtector {
    /**
     * @param secretStore the store to keep the payload in, as {@link #secretStore(ProjectId)} named it for the secret
     * @throws DomainException.Unavailable when the store is a device that cannot take it now
     */
    SealedPayload seal(PayloadBinding binding, String secretStore, byte[] plaintext);

    /**
     * Makes the project's KEK ready, creating it if the project has none, so that sealing for that project needs no
     * write of its own: call it outside any transaction before {@link #seal} runs inside one.
     */
    void prepare(ProjectId project);

    /**
     * @throws DomainException.Integrity   when the ciphertext does not authenticate against the binding
     * @throws DomainException.Unavailable when the payload is on a device that cannot serve it now
     */
    byte[] open(PayloadBinding binding, SealedPayload sealed);

    /**
     * Frees what sealing placed outside the database (an external device's object), for a payload whose row is being
     * deleted or was never written; nothing for a payload the database holds itself.
     *
     * @throws DomainException.Unavailable when the device cannot be reached or refuses: the payload is still there
     */
    void release(PayloadBinding binding, SealedPayload sealed);

    /**
     * Whether the payload is held outside the database (its row is only a reference to a device's object), so that
     * removing the row leaves something to free that {@link #release} may fail to reach.
     */
    default boolean heldOutside(SealedPayload sealed) {
        return false;
    }

    /**
     * Releases a payload sealed for a row that was not written after all ({@code cause} is why); a failure to release
     * is added to {@code cause} rather than hiding it (the device then keeps an object no row references).
     */
    default void releaseUnwritten(PayloadBinding binding, SealedPayload sealed, RuntimeException cause) {
        try {
            release(binding, sealed);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * The store whose keys protect, or whose device holds, what this project seals from now on: its preferred secret
     * store if it chose one, otherwise the global default. New secrets record it.
     */
    String secretStore(ProjectId project);
}
