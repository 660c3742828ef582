package dev.donjon.server.domain.transfer;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.SealedExportReceiptRepository;
import dev.donjon.server.domain.port.StoreTx;

import java.time.Instant;
import java.util.List;

/**
 * Replay refusal for sealed export files (docs/export-import.md). {@code donjon import} opens a sealed file with the
 * destination's lockbox keys and checks its origin, recipient and age; each object it then imports names the file
 * ({@code x-donjon-sealed-export}: origin, export id, the object's identifier at the origin), and the destination
 * claims that name in the import's own transaction. A file imported again is refused object by object, each with
 * nothing stored; an object whose first import failed (a collision) can still be imported from the same file.
 */
public final class SealedExports {
    private SealedExports() {
    }

    /** The file and object an import names. */
    public record Imported(String origin, String exportId, String object) {
        /**
         * @param value {@code ORIGIN EXPORT-ID OBJECT-ID}, as {@code donjon import} writes it
         * @throws DomainException.Refused not three words
         */
        public static Imported parse(String value) {
            List<String> words = List.of(value.strip().split("\\s+"));
            if (words.size() != 3) {
                throw new DomainException.Refused("x-donjon-sealed-export is 'ORIGIN EXPORT-ID OBJECT-ID'");
            }
            return new Imported(words.get(0), words.get(1), words.get(2));
        }
    }

    /**
     * Claims {@code imported} for the object stored as {@code id}, inside the import's transaction.
     *
     * @throws DomainException.Refused that object of that file was imported here already
     */
    public static void claim(StoreTx tx, Imported imported, SecretId id, Instant now) {
        if (!tx.sealedExportReceipts().claim(imported.origin(), imported.exportId(), imported.object(), id, now)) {
            throw replayed(imported, tx.sealedExportReceipts().find(imported.origin(), imported.exportId(),
                    imported.object()).orElse(null));
        }
    }

    /** The refusal of an object imported before ({@code earlier}, if known). */
    public static DomainException.Refused replayed(Imported imported, SealedExportReceiptRepository.Receipt earlier) {
        return new DomainException.Refused("object " + imported.object() + " of sealed export " + imported.exportId()
                + " from '" + imported.origin() + "' was imported here already"
                + (earlier == null ? "" : " (as " + earlier.importedAs() + " at " + earlier.received() + ")")
                + ": a sealed export file is imported once");
    }
}
