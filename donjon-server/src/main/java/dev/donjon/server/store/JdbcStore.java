package dev.donjon.server.store;

import com.zaxxer.hikari.pool.HikariPool;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.AuditTrail;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.audit.AppendListener;
import dev.donjon.server.domain.audit.AuditCheckpoint;
import dev.donjon.server.domain.audit.AuditQuery;
import dev.donjon.server.domain.audit.ChainHead;
import dev.donjon.server.domain.audit.ChainedEvent;
import dev.donjon.server.domain.port.StoreTx;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.AuditTrail;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.port.StoreTx;
import dev.donjon.server.domain.job.JobLeases;
import dev.donjon.server.domain.job.JobRuns;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link Store} on SQLite or PostgreSQL, chosen by the JDBC URL. Opening it brings the schema up to date. Domain
 * exceptions thrown by the work pass through unchanged; database failures surface as {@link StoreException}.
 */
public final class JdbcStore implements Store, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    private final Database database;
    private final JobLeases jobLeases;
    private final JobRuns jobRuns;
    private final Engine engine;
    private final String node;
    private final AuditBatcher batcher;
    private volatile AppendListener appendListener = AppendListener.NONE;
    /** Told of each change the replication log records; {@code null} while this server keeps no log. */
    private volatile Runnable changeRecorded;
    private volatile WriteFailure lastWriteFailure;

    private JdbcStore(Database database, Engine engine, String node) {
        this.database = database;
        this.jobLeases = new JdbcJobLeases(database);
        this.jobRuns = new JdbcJobRuns(database);
        this.engine = engine;
        this.node = node;
        this.batcher = new AuditBatcher(this);
    }

    /** The name this node writes into the audit events it appends: {@code DONJON_NODE}, else the host's name. */
    public static String localNodeName() {
        String configured = System.getenv("DONJON_NODE");
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * Connects, migrates the schema and returns a store ready for use.
     *
     * @throws IllegalArgumentException the URL names no supported engine, or an in-memory SQLite database
     * @throws StoreException           the database cannot be reached or migrated
     */
    public static JdbcStore open(StoreConfig config) {
        return open(config, localNodeName());
    }

    /**
     * Loads SQLite's native library ahead of {@link #open} (sqlite-jdbc extracts it to the temporary directory, or
     * compares it with the copy already there: 7 % of a warm start's main thread). A dev server start runs this on
     * another thread while it reads its configuration. A library that cannot be loaded is left for {@link #open} to
     * report, as it did before.
     */
    public static void prepareSqlite() {
        try {
            org.sqlite.SQLiteJDBCLoader.initialize();
        } catch (Exception reportedByOpen) {
            LOG.debug("SQLite's native library not loaded ahead of opening the store", reportedByOpen);
        }
    }

    /**
     * Initialises JDBI's statement class ahead of {@link #open}: its static initialiser registers JDBI's statement
     * event with the JDK's flight recorder (the event's annotations read through proxies, its settings built), and
     * the event class is loaded from its jar, outside the AOT cache (which leaves out flight recorder events). A server
     * start runs this on another thread while the node opens; the JVM makes a thread that needs the class meanwhile
     * wait for it.
     */
    public static void prepareStatements() {
        try {
            Class.forName(org.jdbi.v3.core.statement.SqlStatement.class.getName(), true,
                    org.jdbi.v3.core.statement.SqlStatement.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError reportedByOpen) {
            LOG.debug("JDBI's statement class not initialised ahead of opening the store", reportedByOpen);
        }
    }

    /** @param node the name of this node in the audit events it appends */
    public static JdbcStore open(StoreConfig config, String node) {
        Engine engine = Engine.of(config.jdbcUrl());
        try {
            Database database = switch (engine) {
                case SQLITE -> SqliteDatabase.open(config);
                case POSTGRESQL -> PostgresDatabase.open(config);
            };
            LOG.info("Store open on {} at {}", engine, config.location());
            return new JdbcStore(database, engine, node);
        } catch (FlywayException | JdbiException | HikariPool.PoolInitializationException e) {
            throw new StoreException("cannot open the store at " + config.location(), e);
        }
    }

    /**
     * Writes a consistent backup of the store to {@code file} while it keeps serving; the file holds wrapped keys
     * only. See {@link Backups}.
     */
    public void backup(java.nio.file.Path file) {
        try {
            database.backup(file);
        } catch (JdbiException e) {
            throw new StoreException("the backup failed", e);
        }
    }

    /** Runs {@code work} on a raw handle in one write transaction: a restore's bulk insert (see {@link Backups}). */
    <T> T importing(Function<org.jdbi.v3.core.Handle, T> work) {
        try {
            return database.write(handle -> {
                // The restore writes the head row itself: an earlier write of the group must have written it first.
                DeferredChainHead chainHead = database.deferredChainHead(handle);
                if (chainHead != null) {
                    chainHead.writeBack(handle);
                }
                return work.apply(handle);
            });
        } catch (JdbiException e) {
            throw new StoreException("the restore failed", e);
        }
    }

    /** The job leases in this database; each of their calls is a transaction of its own. */
    public JobLeases jobLeases() {
        return jobLeases;
    }

    /** The scheduled jobs' last runs in this database; each of their calls is a transaction of its own. */
    public JobRuns jobRuns() {
        return jobRuns;
    }

    @Override
    public <T> T read(Function<StoreTx, T> work) {
        try {
            return database.read(handle -> work.apply(tx(handle)));
        } catch (JdbiException e) {
            throw new StoreException("a read transaction failed", e);
        }
    }

    @Override
    public <T> T readOneStatement(Function<StoreTx, T> work) {
        try {
            return database.readOneStatement(handle -> work.apply(tx(handle)));
        } catch (JdbiException e) {
            throw new StoreException("a read transaction failed", e);
        }
    }

    @Override
    public <T> T write(Function<StoreTx, T> work) {
        try {
            T result = database.write(handle -> work.apply(tx(handle)));
            lastWriteFailure = null;
            return result;
        } catch (JdbiException e) {
            throw failedWrite(new StoreException("a write transaction failed", e));
        } catch (StoreException e) {
            throw failedWrite(e);
        }
    }

    /**
     * Why the latest write failed in the database (disk full, I/O error, a damaged file), if no write has succeeded
     * since and it happened after {@code since}. Reads may go on working while every write fails (a full disk), so
     * that a read probe alone would call such a node ready.
     */
    public Optional<String> lastWriteFailure(Instant since) {
        WriteFailure failure = lastWriteFailure;
        return failure == null || failure.at().isBefore(since) ? Optional.empty()
                : Optional.of(failure.diagnosis() + " (at " + failure.at() + ")");
    }

    private StoreException failedWrite(StoreException failure) {
        lastWriteFailure = new WriteFailure(Instant.now(), failure.diagnosis());
        return failure;
    }

    private record WriteFailure(Instant at, String diagnosis) {
    }

    @Override
    public void record(AuditEvent event) {
        batcher.record(event);
    }

    /** The node's name in the events it appends. */
    public String node() {
        return node;
    }

    /** Sets who hears of each appended event in its transaction (usage notifications). */
    public void onAppend(AppendListener listener) {
        this.appendListener = listener;
    }

    /**
     * Keeps the replication change log from now on (a server with push peers, docs/replication.md): each change of an
     * object is recorded in its transaction, and {@code recorded} told (the sender looks at the log sooner).
     */
    public void recordChanges(Runnable recorded) {
        this.changeRecorded = recorded;
    }

    private JdbcStoreTx tx(Handle handle) {
        return new JdbcStoreTx(handle, trail(handle));
    }

    private JdbcAuditTrail trail(Handle handle) {
        return new JdbcAuditTrail(handle, engine, node, appendListener, changeRecorded,
                database.deferredChainHead(handle));
    }

    @Override
    public <T> T atomically(Function<Store, T> work) {
        List<AuditEvent> lasting = new ArrayList<>();
        try {
            return database.write(handle -> work.apply(new Joined(handle, lasting)));
        } catch (RuntimeException | Error e) {
            if (!lasting.isEmpty()) {
                try {
                    write(tx -> {
                        lasting.forEach(tx.audit()::append);
                        return null;
                    });
                } catch (RuntimeException auditFailure) {
                    e.addSuppressed(auditFailure);
                }
            }
            if (e instanceof JdbiException jdbi) {
                throw new StoreException("a write transaction failed", jdbi);
            }
            throw e;
        }
    }

    /**
     * The store inside {@link #atomically}: every read and write runs on the transaction's handle, each in a savepoint
     * of its own, so that a failed write (or, on PostgreSQL, any failed statement) leaves the transaction usable.
     */
    private final class Joined implements Store {
        private final Handle handle;
        private final List<AuditEvent> lasting;
        private int savepoints;

        Joined(Handle handle, List<AuditEvent> lasting) {
            this.handle = handle;
            this.lasting = lasting;
        }

        @Override
        public <T> T read(Function<StoreTx, T> work) {
            return inSavepoint(() -> work.apply(tx()));
        }

        @Override
        public <T> T write(Function<StoreTx, T> work) {
            return inSavepoint(() -> work.apply(tx()));
        }

        @Override
        public <T> T atomically(Function<Store, T> work) {
            return inSavepoint(() -> work.apply(this));
        }

        /** A read inside the joined transaction is recorded there: it is answered only if that commits. */
        @Override
        public void record(AuditEvent event) {
            write(tx -> {
                tx.audit().append(event);
                return null;
            });
        }

        private StoreTx tx() {
            JdbcAuditTrail trail = JdbcStore.this.trail(handle);
            return new JdbcStoreTx(handle, new AuditTrail() {
                @Override
                public void append(AuditEvent event) {
                    trail.append(event);
                    if (event.outlivesRollback()) {
                        lasting.add(event);
                    }
                }

                @Override
                public List<AuditEvent> tail(int count) {
                    return trail.tail(count);
                }

                @Override
                public ChainHead head() {
                    return trail.head();
                }

                @Override
                public Page<ChainedEvent> find(AuditQuery query) {
                    return trail.find(query);
                }

                @Override
                public List<ChainedEvent> after(long afterSeq, int limit) {
                    return trail.after(afterSeq, limit);
                }

                @Override
                public List<AuditCheckpoint> checkpoints() {
                    return trail.checkpoints();
                }

                @Override
                public long lastCheckpointSeq() {
                    return trail.lastCheckpointSeq();
                }

                @Override
                public void addCheckpoint(AuditCheckpoint checkpoint) {
                    trail.addCheckpoint(checkpoint);
                }
            });
        }

        private <T> T inSavepoint(Supplier<T> work) {
            String name = "joined_" + ++savepoints;
            handle.execute("SAVEPOINT " + name);
            DeferredChainHead chainHead = database.deferredChainHead(handle);
            ChainHead mark = chainHead == null ? null : chainHead.mark();
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                handle.execute("ROLLBACK TO SAVEPOINT " + name);
                if (chainHead != null) {
                    // The events appended since the savepoint are gone: the next one links to the last that stays.
                    chainHead.rollBackTo(mark);
                }
                handle.execute("RELEASE SAVEPOINT " + name);
                throw e;
            }
            handle.execute("RELEASE SAVEPOINT " + name);
            return result;
        }
    }

    /** Finishes the writes already accepted, then releases every connection. */
    @Override
    public void close() {
        batcher.close();
        database.close();
    }

    /**
     * Publishes the store's metrics: the connection pools (Hikari's: active, idle, pending, acquire and usage times),
     * SQLite's group commit, and the audit batcher (batches, events, events waiting).
     */
    public void instrument(io.micrometer.core.instrument.MeterRegistry registry) {
        database.instrument(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("donjon.audit.batches", batcher, AuditBatcher::batches)
                .description("Audit transactions committed, each appending one or more events to the chain")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("donjon.audit.events", batcher, AuditBatcher::events)
                .description("Audit events committed by the batcher").register(registry);
        io.micrometer.core.instrument.Gauge.builder("donjon.audit.queue", batcher, AuditBatcher::queued)
                .description("Audit events waiting for the next batch (their requests wait too)").register(registry);
    }
}
