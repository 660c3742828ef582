package dev.donjon.server.domain.port;

import dev.donjon.server.domain.barbican.SecretId;

import java.time.Instant;
import java.util.Optional;

/** The objects imported from sealed export files, so that a file is imported once (docs/export-import.md). */
public interface SealedExportReceiptRepository {
    /**
     * Records that {@code object} of export {@code exportId} from {@code origin} was imported as {@code importedAs}.
     *
     * @return {@code false} if it was imported before (nothing recorded)
     */
    boolean claim(String origin, String exportId, String object, SecretId importedAs, Instant received);

    /** The earlier import of {@code object} of that export, if any. */
    Optional<Receipt> find(String origin, String exportId, String object);

    record Receipt(SecretId importedAs, Instant received) {
    }
}
