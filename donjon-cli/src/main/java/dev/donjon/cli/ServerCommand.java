package dev.donjon.cli;

import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.DonjonServer;
import dev.donjon.server.config.ConfigException;
import dev.donjon.server.config.ConfigLoader;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.observe.ProcessLogging;
import dev.donjon.server.store.JdbcStore;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

@Command(name = "server", description = "Run a Donjon node.", mixinStandardHelpOptions = true)
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--dev", description = "Development mode: data directory with SQLite, a software master key, a "
            + "dev CA and an admin token; listens on loopback only.")
    boolean dev;

    @Option(names = "--http", description = "With --dev: plain HTTP on loopback, for tools that cannot use a private CA.")
    boolean http;

    @Option(names = "--data-dir", description = "Dev data directory (default: ${DEFAULT-VALUE}).", defaultValue = "data")
    Path dataDir;

    @Option(names = "--port", description = "Dev listen port (default: ${DEFAULT-VALUE}).", defaultValue = "9311")
    int port;

    @Option(names = "--config", description = "YAML configuration file (production mode).")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        if (http && !dev) {
            throw new ConfigException("--http is a dev option; in production set behind_tls_proxy in the config");
        }
        if (!dev && config == null) {
            throw new ConfigException("give --dev for a development server or --config FILE for production");
        }
        long started = System.nanoTime();
        // Logback's configuration (and java.util.logging's, which Helidon logs through: one logging configuration
        // should govern everything) needs nothing from the server's configuration: it runs on another core while the
        // main thread reads the configuration (and checks the dev PKI). Nothing on the main thread logs before the
        // join, so no logger is taken while logging starts. Helidon's preparation runs beside the node's opening
        // (DonjonServer's listener thread), and so does loading a dev store's SQLite library, which nothing joins:
        // the store's opening waits for a load under way, or reports a library that cannot be loaded. Its thread
        // starts once logging has (the store's classes take their loggers as they initialise).
        FutureTask<Void> early = new FutureTask<>(() -> {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
            LoggerFactory.getILoggerFactory();
            if (dev) {
                Thread.ofPlatform().name("donjon-start-sqlite").daemon().start(JdbcStore::prepareSqlite);
            }
            return null;
        });
        Thread.ofPlatform().name("donjon-start").daemon().start(early);
        DonjonConfig resolved = dev ? DevMode.config(dataDir, http, port) : ConfigLoader.load(config, System.getenv());
        awaitEarly(early);
        if (!dev) {
            // Dev mode keeps the packaged logback.xml (text, asynchronous); production follows logging.*.
            ProcessLogging.apply(ConfigLoader.logging(config, System.getenv()));
        }
        DonjonServer server = DonjonServer.start(resolved);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            ProcessLogging.flush();
            stopped.countDown();
        }, "donjon-shutdown"));
        PrintStream out = System.out;
        if (dev) {
            DevMode.printWelcome(out, resolved, server, DevMode.issueAdminToken(server));
        }
        out.printf("Donjon listening on %s (ready in %d ms)%n", server.publicUrl(),
                (System.nanoTime() - started) / 1_000_000);
        out.flush();
        stopped.await();
        return 0;
    }

    private static void awaitEarly(FutureTask<Void> early) throws InterruptedException {
        try {
            early.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
