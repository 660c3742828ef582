package dev.donjon.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.donjon.server.crypto.AuditSigningKey;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.audit.AuditCheckpoint;
import dev.donjon.server.domain.audit.ChainHead;
import dev.donjon.server.domain.audit.ChainedEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Verification and export of the chain, on a live store or on an export file. The export is JSON lines: a header
 * ({@code "type":"chain"} with the origin), the public keys ({@code "type":"key"}), the signed checkpoints, then one
 * event per line in sequence order ({@code "type":"event"}, with {@code prev_hash} and {@code hash}). The CADF export
 * has one CADF event per line and is for consumers, not for verification.
 */
public final class AuditArchive {
    public static final String FORMAT = "donjon-audit-export-v1";
    private static final int PAGE = 1_000;

    private AuditArchive() {
    }

    /**
     * Verifies the live chain: every event from the origin to the head, the head itself and every checkpoint.
     *
     * @param pinned the audit public keys to trust; {@code null} trusts those the store holds (which whoever can
     *               write the database could replace: pin the exported key for a check that survives that)
     */
    public static ChainVerifier.Report verify(Store store, Map<String, PublicKey> pinned) {
        ChainHead head = store.read(tx -> tx.audit().head());
        List<AuditCheckpoint> checkpoints = store.read(tx -> tx.audit().checkpoints());
        Map<String, PublicKey> keys = pinned != null ? pinned
                : AuditSigningKey.publicKeys(store.read(tx -> tx.auditKeys().publicKeys()));
        ChainVerifier verifier = new ChainVerifier(head.originSeq(), checkpoints, keys);
        boolean going = true;
        long after = head.originSeq();
        while (going) {
            long from = after;
            List<ChainedEvent> page = store.read(tx -> tx.audit().after(from, PAGE));
            for (ChainedEvent event : page) {
                if (!verifier.accept(event)) {
                    going = false;
                    break;
                }
                after = event.seq();
            }
            if (page.size() < PAGE) {
                going = false;
            }
        }
        return verifier.finish(head);
    }

    /** Verifies an export made by {@link #exportJsonLines}; see {@link #verify(Store, Map)} for {@code pinned}. */
    public static ChainVerifier.Report verify(BufferedReader export, Map<String, PublicKey> pinned) throws IOException {
        String first = export.readLine();
        JsonNode header = first == null ? null : AuditJson.MAPPER.readTree(first);
        if (header == null || !FORMAT.equals(header.path("format").asText())) {
            throw new IllegalArgumentException("not a Donjon audit export (first line must be the " + FORMAT
                    + " header)");
        }
        long origin = header.get("origin_seq").asLong();
        Map<String, byte[]> fileKeys = new LinkedHashMap<>();
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        List<String> events = new ArrayList<>();
        String line;
        int number = 1;
        while ((line = export.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = AuditJson.MAPPER.readTree(line);
            switch (node.path("type").asText()) {
                case "key" -> fileKeys.put(node.get("key_id").asText(),
                        Base64.getDecoder().decode(node.get("public_key").asText()));
                case "checkpoint" -> checkpoints.add(AuditJson.readCheckpoint(node));
                case "event" -> events.add(line);
                default -> throw new IllegalArgumentException("line " + number + ": unknown record type");
            }
        }
        ChainVerifier verifier = new ChainVerifier(origin, checkpoints,
                pinned != null ? pinned : AuditSigningKey.publicKeys(fileKeys));
        for (String event : events) {
            if (!verifier.accept(AuditJson.readEvent(AuditJson.MAPPER.readTree(event)))) {
                break;
            }
        }
        return verifier.finish(null);
    }

    /** Writes the whole chain, with what verifies it, as JSON lines; returns the number of events written. */
    public static long exportJsonLines(Store store, Writer out) {
        ChainHead head = store.read(tx -> tx.audit().head());
        ObjectNode header = AuditJson.MAPPER.createObjectNode();
        header.put("type", "chain");
        header.put("format", FORMAT);
        header.put("origin_seq", head.originSeq());
        header.put("head_seq", head.seq());
        header.put("head_hash", head.hash());
        line(out, header);
        store.read(tx -> tx.auditKeys().publicKeys()).forEach((id, der) -> {
            ObjectNode key = AuditJson.MAPPER.createObjectNode();
            key.put("type", "key");
            key.put("key_id", id);
            key.put("public_key", Base64.getEncoder().encodeToString(der));
            line(out, key);
        });
        store.read(tx -> tx.audit().checkpoints()).forEach(checkpoint -> line(out, AuditJson.checkpoint(checkpoint)));
        return forEachEvent(store, head.originSeq(), event -> {
            ObjectNode node = AuditJson.MAPPER.createObjectNode();
            node.put("type", "event");
            node.setAll(AuditJson.event(event, true));
            line(out, node);
        });
    }

    /** Writes every chained event as one CADF event per line; returns the number written. */
    public static long exportCadf(Store store, Writer out) {
        long origin = store.read(tx -> tx.audit().head()).originSeq();
        return forEachEvent(store, origin, event -> line(out, Cadf.event(event)));
    }

    private static long forEachEvent(Store store, long origin, Consumer<ChainedEvent> action) {
        long count = 0;
        long after = origin;
        while (true) {
            long from = after;
            List<ChainedEvent> page = store.read(tx -> tx.audit().after(from, PAGE));
            for (ChainedEvent event : page) {
                action.accept(event);
                after = event.seq();
                count++;
            }
            if (page.size() < PAGE) {
                return count;
            }
        }
    }

    private static void line(Writer out, JsonNode node) {
        try {
            out.write(AuditJson.MAPPER.writeValueAsString(node));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
