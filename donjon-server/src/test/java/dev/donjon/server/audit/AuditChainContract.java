package dev.donjon.server.audit;

import dev.donjon.server.crypto.AuditSigningKey;
import dev.donjon.server.crypto.SoftwareMasterKeystore;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.store.JdbcStore;
import dev.donjon.server.store.StoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash chain on one engine: appends link, every kind of tampering with the database or with an export is found
 * and the first bad event named, and checkpoints hold the end of the chain.
 */
abstract class AuditChainContract {
    static final Instant T0 = Instant.parse("2026-12-02T10:00:00.123456Z");

    /** One master key for the class: the signing key it wraps lives in the database, which PostgreSQL tests share. */
    @TempDir
    static Path keys;

    JdbcStore store;
    SoftwareMasterKeystore keystore;
    AuditSigningKey signingKey;
    Checkpoints checkpoints;
    long origin;

    /** A database no other test uses. */
    abstract StoreConfig freshDatabase();

    abstract Connection rawConnection() throws SQLException;

    @BeforeEach
    void open() {
        store = JdbcStore.open(freshDatabase(), "node-a");
        keystore = SoftwareMasterKeystore.openOrCreate(keys.resolve("master.key"), new SecureRandom());
        signingKey = AuditSigningKey.loadOrCreate(keystore, store, new SecureRandom(), T0);
        checkpoints = new Checkpoints(store, signingKey, java.time.Clock.systemUTC(), "node-a",
                java.time.Duration.ofHours(1));
        origin = store.read(tx -> tx.audit().head()).seq();
    }

    @AfterEach
    void close() {
        checkpoints.close();
        store.close();
        keystore.close();
    }

    static AuditEvent event(int i) {
        return new AuditEvent(T0.plus(i, ChronoUnit.MILLIS), "req-" + i, "alice", "project-a", AuthMethod.API_TOKEN,
                "token:00112233", "192.0.2.7", Action.SECRET_CREATE, "secret-" + i, AuditEvent.Outcome.SUCCESS,
                i % 2 == 0 ? null : "détail, with: punctuation " + i);
    }

    /** Appends {@code count} events, alternately as changes and as batched reads; returns their seqs. */
    List<Long> append(int count) {
        for (int i = 0; i < count; i++) {
            AuditEvent e = event(i);
            if (i % 2 == 0) {
                store.write(tx -> {
                    tx.audit().append(e);
                    return null;
                });
            } else {
                store.record(e);
            }
        }
        List<Long> seqs = new ArrayList<>();
        for (long s = origin + 1; s <= origin + count; s++) {
            seqs.add(s);
        }
        return seqs;
    }

    ChainVerifier.Report verifyLive() {
        return AuditArchive.verify(store, null);
    }

    void sql(String statement) throws SQLException {
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    String hashAt(long seq) throws SQLException {
        try (Connection c = rawConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT hash FROM audit_events WHERE seq = " + seq)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void appendsLinkIntoOneIntactChainNumberedWithoutGaps() {
        append(10);
        ChainVerifier.Report report = verifyLive();
        assertThat(report.intact()).as(report.describe()).isTrue();
        assertThat(report.events()).isEqualTo(10);
        List<dev.donjon.server.domain.audit.ChainedEvent> events = store.read(tx -> tx.audit().after(origin, 100));
        assertThat(events.stream().map(dev.donjon.server.domain.audit.ChainedEvent::seq).toList())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(origin + 1, origin + 10).boxed()
                        .toList());
        assertThat(store.read(tx -> tx.audit().after(origin, 1)).getFirst().previousHash())
                .isEqualTo(AuditChain.GENESIS);
    }

    @Test
    void eventsAppendedAsOneBatchLinkLikeEventsAppendedOneByOne() throws Exception {
        append(3);
        store.write(tx -> {
            tx.audit().appendAll(List.of(event(3), event(4), event(5), event(6)));
            return null;
        });
        // Concurrent audited reads: the group commit appends whatever queued together as one batch.
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> recorded = new ArrayList<>();
            for (int i = 7; i < 40; i++) {
                AuditEvent e = event(i);
                recorded.add(readers.submit(() -> store.record(e)));
            }
            for (java.util.concurrent.Future<?> f : recorded) {
                f.get();
            }
        } finally {
            readers.shutdown();
        }

        ChainVerifier.Report report = verifyLive();
        assertThat(report.intact()).as(report.describe()).isTrue();
        assertThat(report.events()).isEqualTo(40);
        List<dev.donjon.server.domain.audit.ChainedEvent> batch = store.read(tx -> tx.audit().after(origin + 3, 4));
        assertThat(batch.stream().map(c -> c.event().requestId()).toList())
                .containsExactly("req-3", "req-4", "req-5", "req-6");
        assertThat(batch.getFirst().previousHash()).isEqualTo(hashAt(origin + 3));
    }

    @Test
    void anEditedEventIsNamed() throws SQLException {
        List<Long> seqs = append(6);
        sql("UPDATE audit_events SET object_id = 'someone-else' WHERE seq = " + seqs.get(3));
        assertBrokenAt(verifyLive(), seqs.get(3), "altered");
    }

    @Test
    void aDeletedEventIsNamed() throws SQLException {
        List<Long> seqs = append(6);
        sql("DELETE FROM audit_events WHERE seq = " + seqs.get(2));
        assertBrokenAt(verifyLive(), seqs.get(2), "missing");
    }

    @Test
    void anInsertedEventIsFoundWhereTheChainNoLongerLinks() throws SQLException {
        List<Long> seqs = append(6);
        long at = seqs.get(3);
        // The forger renumbers the rest and links its event correctly to the one before: the original event that
        // follows it still names its old predecessor.
        allowRenumbering();
        sql("UPDATE audit_events SET seq = -seq WHERE seq >= " + at);
        sql("UPDATE audit_events SET seq = 1 - seq WHERE seq < 0");
        AuditEvent forged = new AuditEvent(T0, "req-x", "mallory", "project-a", AuthMethod.API_TOKEN, null, null,
                Action.SECRET_DELETE, "secret-x", AuditEvent.Outcome.SUCCESS, null);
        String previous = hashAt(at - 1);
        String hash = AuditChain.hash(previous, at, "node-a", forged);
        sql("INSERT INTO audit_events (seq, at, node, request_id, actor_user, actor_project, method, action, object_id,"
                + " outcome, prev_hash, hash) " + overridingSystemValue() + " VALUES (" + at + ", "
                + AuditChain.micros(T0) + ", 'node-a', 'req-x', 'mallory', 'project-a', 'API_TOKEN', 'SECRET_DELETE',"
                + " 'secret-x', 'SUCCESS', '" + previous + "', '" + hash + "')");
        assertBrokenAt(verifyLive(), at + 1, "");
    }

    @Test
    void reorderedEventsAreNamed() throws SQLException {
        List<Long> seqs = append(6);
        long a = seqs.get(2);
        long b = seqs.get(3);
        allowRenumbering();
        sql("UPDATE audit_events SET seq = -1 WHERE seq = " + a);
        sql("UPDATE audit_events SET seq = " + a + " WHERE seq = " + b);
        sql("UPDATE audit_events SET seq = " + b + " WHERE seq = -1");
        assertBrokenAt(verifyLive(), a, "does not link");
    }

    @Test
    void aTruncatedTrailIsFoundByTheHeadAndBySignedCheckpoints() throws SQLException {
        List<Long> seqs = append(6);
        assertThat(checkpoints.checkpoint()).isPresent();
        sql("DELETE FROM audit_events WHERE seq >= " + seqs.get(4));
        assertBrokenAt(verifyLive(), seqs.get(4), "truncated");
        // Rewinding the head to match does not help: the signed checkpoint still covers the cut events.
        sql("UPDATE audit_chain_head SET seq = " + seqs.get(3) + ", hash = '" + hashAt(seqs.get(3)) + "'");
        assertBrokenAt(verifyLive(), seqs.get(4), "signed checkpoint");
    }

    @Test
    void aRewrittenChainIsCaughtByTheSignedCheckpoint() throws SQLException {
        List<Long> seqs = append(4);
        assertThat(checkpoints.checkpoint()).isPresent();
        // The forger edits an event and recomputes every hash after it, and the head: only the signature resists.
        List<dev.donjon.server.domain.audit.ChainedEvent> events = store.read(tx -> tx.audit().after(origin, 100));
        String previous = AuditChain.GENESIS;
        for (var chained : events) {
            AuditEvent e = chained.event();
            if (chained.seq() == seqs.get(1)) {
                e = new AuditEvent(e.at(), e.requestId(), "mallory", e.actorProject(), e.method(), e.credential(),
                        e.source(), e.action(), e.objectId(), e.outcome(), e.detail());
            }
            String hash = AuditChain.hash(previous, chained.seq(), chained.node(), e);
            sql("UPDATE audit_events SET actor_user = '" + e.actorUser() + "', prev_hash = '" + previous
                    + "', hash = '" + hash + "' WHERE seq = " + chained.seq());
            previous = hash;
        }
        sql("UPDATE audit_chain_head SET hash = '" + previous + "'");
        assertBrokenAt(verifyLive(), seqs.get(3), "signed checkpoint");
    }

    @Test
    void aForgedCheckpointSignatureIsRefused() throws SQLException {
        append(3);
        assertThat(checkpoints.checkpoint()).isPresent();
        sql("UPDATE audit_checkpoints SET signature = 'AAAA' || signature");
        assertThat(verifyLive().intact()).isFalse();
        assertThat(verifyLive().problem()).contains("no valid signature");
    }

    @Test
    void anExportVerifiesAndEachKindOfTamperingWithItIsNamed() throws IOException {
        List<Long> seqs = append(8);
        checkpoints.checkpoint();
        StringWriter out = new StringWriter();
        assertThat(AuditArchive.exportJsonLines(store, out)).isEqualTo(8);
        List<String> lines = new ArrayList<>(out.toString().lines().toList());
        int first = lines.size() - 8;
        assertThat(verifyFile(lines).intact()).as(verifyFile(lines).describe()).isTrue();

        List<String> edited = new ArrayList<>(lines);
        edited.set(first + 2, edited.get(first + 2).replace("\"alice\"", "\"mallory\""));
        assertBrokenAt(verifyFile(edited), seqs.get(2), "altered");

        List<String> deleted = new ArrayList<>(lines);
        deleted.remove(first + 3);
        assertBrokenAt(verifyFile(deleted), seqs.get(3), "missing");

        List<String> inserted = new ArrayList<>(lines);
        inserted.add(first + 4, lines.get(first + 1));
        assertBrokenAt(verifyFile(inserted), seqs.get(1), "reordered or inserted");

        List<String> reordered = new ArrayList<>(lines);
        reordered.set(first + 4, lines.get(first + 5));
        reordered.set(first + 5, lines.get(first + 4));
        assertBrokenAt(verifyFile(reordered), seqs.get(4), "missing");

        List<String> truncated = new ArrayList<>(lines.subList(0, lines.size() - 2));
        assertBrokenAt(verifyFile(truncated), seqs.get(6), "truncated");
    }

    @Test
    void theCadfExportHasOneEventPerLineWithoutCredentials() {
        append(2);
        StringWriter out = new StringWriter();
        assertThat(AuditArchive.exportCadf(store, out)).isEqualTo(2);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst()).contains("\"typeURI\":\"http://schemas.dmtf.org/cloud/audit/1.0/event\"",
                "\"action\":\"create\"", "\"outcome\":\"success\"", "service/security/keymanager/secrets",
                "\"address\":\"192.0.2.7\"", "\"token\":\"token:00112233\"");
    }

    ChainVerifier.Report verifyFile(List<String> lines) throws IOException {
        return AuditArchive.verify(new BufferedReader(new StringReader(String.join("\n", lines))), null);
    }

    /** What a forger with the database owner's rights does first where the engine protects seq. */
    void allowRenumbering() throws SQLException {
    }

    String overridingSystemValue() {
        return "";
    }

    static void assertBrokenAt(ChainVerifier.Report report, long seq, String problem) {
        assertThat(report.intact()).as(report.describe()).isFalse();
        assertThat(report.firstBadSeq()).as(report.describe()).isEqualTo(seq);
        assertThat(report.problem()).contains(problem);
    }
}
