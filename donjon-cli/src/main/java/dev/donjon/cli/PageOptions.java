package dev.donjon.cli;

import picocli.CommandLine.Option;

/** The page a {@code list} subcommand asks for, as Barbican pages: {@code limit} items from {@code offset}. */
final class PageOptions {
    @Option(names = "--limit", defaultValue = "100", description = "Page size (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "Page start (default: ${DEFAULT-VALUE}).")
    int offset;
}
