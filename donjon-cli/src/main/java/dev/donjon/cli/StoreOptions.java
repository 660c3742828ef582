package dev.donjon.cli;

import dev.donjon.server.config.ConfigLoader;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.app.DevMode;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where a command finds the node's configuration: a production config file, or a dev data directory. */
final class StoreOptions {
    @Option(names = "--config", description = "YAML configuration file (production).")
    Path config;

    @Option(names = "--data-dir", description = "Data directory of a dev server (default: ${DEFAULT-VALUE}).",
            defaultValue = "data")
    Path dataDir;

    /** The whole node configuration (a dev directory gets its PKI prepared): for commands that open a {@code Node}. */
    DonjonConfig resolve() {
        return config != null ? ConfigLoader.load(config, System.getenv()) : DevMode.config(dataDir, false, 0);
    }

    /** Only the database: for commands that touch the store alone, which then skip the dev PKI and master key. */
    DonjonConfig.Database database() {
        return config != null ? ConfigLoader.load(config, System.getenv()).database() : DevMode.database(dataDir);
    }
}
