package dev.donjon.server.domain;

import java.util.Optional;

/**
 * Which of a project's objects a Locate wants; absent criteria match everything. Every criterion is served by an
 * index, so that Locate never scans a project.
 *
 * @param maxItems how many identifiers to return at most
 * @param offset   how many matches to skip first
 */
public record LocateQuery(
        Optional<SecretType> type,
        Optional<LifecycleState> state,
        Optional<String> algorithm,
        Optional<Integer> bitLength,
        Optional<String> name,
        int maxItems,
        int offset) {

    public LocateQuery {
        if (maxItems < 0 || offset < 0) {
            throw new DomainException.InvalidInput("maximum items and offset must not be negative");
        }
    }
}
