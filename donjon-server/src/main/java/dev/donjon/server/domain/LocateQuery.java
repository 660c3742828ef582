package dev.donjon.server.domain;

import java.util.Optional;

/**
 * Which of a project's objects a Locate wants; absent criteria match everything. Every criterion is served by an
 * index, so that Locate never scans a project.
 *
 * @param name     the name, exact or a wild-card pattern that starts with a literal character (so that the name index
 *                 serves it: a leading wild-card would walk every name of the project)
 * @param storage  whether on-line objects, destroyed ones or both are wanted
 * @param maxItems how many identifiers to return at most
 * @param offset   how many matches to skip first
 */
public record LocateQuery(
        Optional<SecretType> type,
        Optional<LifecycleState> state,
        Optional<String> algorithm,
        Optional<Integer> bitLength,
        Optional<NamePattern> name,
        Storage storage,
        int maxItems,
        int offset) {

    /** Which objects a Locate searches: those on-line (not destroyed), those destroyed, or both. */
    public enum Storage {
        ONLINE, DESTROYED, ANY
    }

    public LocateQuery {
        if (maxItems < 0 || offset < 0) {
            throw new DomainException.InvalidInput("maximum items and offset must not be negative");
        }
        if (name.filter(n -> !n.isExact() && n.literal().isEmpty()).isPresent()) {
            throw new DomainException.InvalidInput("a name pattern must start with a literal character");
        }
        if (storage == null) {
            throw new IllegalArgumentException("a locate query needs a storage");
        }
    }

    /** An exact name (if any), destroyed objects included. */
    public LocateQuery(Optional<SecretType> type, Optional<LifecycleState> state, Optional<String> algorithm,
                       Optional<Integer> bitLength, Optional<String> exactName, int maxItems, int offset) {
        this(type, state, algorithm, bitLength, exactName.map(NamePattern::exact), Storage.ANY, maxItems, offset);
    }
}
