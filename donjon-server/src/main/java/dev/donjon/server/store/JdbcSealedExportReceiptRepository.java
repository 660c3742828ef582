package dev.donjon.server.store;

import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.SealedExportReceiptRepository;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

final class JdbcSealedExportReceiptRepository implements SealedExportReceiptRepository {
    private final Handle handle;

    JdbcSealedExportReceiptRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public boolean claim(String origin, String exportId, String object, SecretId importedAs, Instant received) {
        return handle.createUpdate("INSERT INTO sealed_export_receipts (origin, export_id, object, imported_as, "
                        + "received) VALUES (?, ?, ?, ?, ?) ON CONFLICT (origin, export_id, object) DO NOTHING")
                .bind(0, origin)
                .bind(1, exportId)
                .bind(2, object)
                .bind(3, importedAs.toString())
                .bind(4, EpochMicros.floor(received))
                .execute() == 1;
    }

    @Override
    public Optional<Receipt> find(String origin, String exportId, String object) {
        return handle.createQuery("SELECT imported_as, received FROM sealed_export_receipts WHERE origin = ? "
                        + "AND export_id = ? AND object = ?")
                .bind(0, origin)
                .bind(1, exportId)
                .bind(2, object)
                .map((rs, ctx) -> new Receipt(SecretId.parse(rs.getString(1)).orElseThrow(),
                        EpochMicros.toInstant(rs.getLong(2))))
                .findOne();
    }
}
