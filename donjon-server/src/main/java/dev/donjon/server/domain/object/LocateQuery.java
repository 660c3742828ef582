package dev.donjon.server.domain.object;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.barbican.SecretType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of a project's objects a Locate wants: those meeting every criterion (none matches everything), most recently
 * created first. Every criterion is served by an index, so that Locate never scans a project.
 *
 * @param criteria what every located object has
 * @param storage  whether on-line objects, destroyed ones or both are wanted
 * @param maxItems how many identifiers to return at most
 * @param offset   how many matches to skip first
 */
public record LocateQuery(List<LocateCriterion> criteria, Storage storage, int maxItems, int offset) {

    /** Which objects a Locate searches: those on-line (not destroyed), those destroyed, or both. */
    public enum Storage {
        ONLINE, DESTROYED, ANY
    }

    public LocateQuery {
        criteria = List.copyOf(criteria);
        if (maxItems < 0 || offset < 0) {
            throw new DomainException.InvalidInput("maximum items and offset must not be negative");
        }
        if (storage == null) {
            throw new IllegalArgumentException("a locate query needs a storage");
        }
    }

    /** The criteria a Locate used to be limited to, each when present. */
    public LocateQuery(Optional<SecretType> type, Optional<LifecycleState> state, Optional<String> algorithm,
                       Optional<Integer> bitLength, Optional<NamePattern> name, Storage storage, int maxItems,
                       int offset) {
        this(criteria(type, state, algorithm, bitLength, name), storage, maxItems, offset);
    }

    /** An exact name (if any), destroyed objects included. */
    public LocateQuery(Optional<SecretType> type, Optional<LifecycleState> state, Optional<String> algorithm,
                       Optional<Integer> bitLength, Optional<String> exactName, int maxItems, int offset) {
        this(type, state, algorithm, bitLength, exactName.map(NamePattern::exact), Storage.ANY, maxItems, offset);
    }

    private static List<LocateCriterion> criteria(Optional<SecretType> type, Optional<LifecycleState> state,
                                                  Optional<String> algorithm, Optional<Integer> bitLength,
                                                  Optional<NamePattern> name) {
        List<LocateCriterion> criteria = new ArrayList<>();
        type.ifPresent(t -> criteria.add(new LocateCriterion.OfType(t)));
        state.ifPresent(s -> criteria.add(new LocateCriterion.InState(s)));
        algorithm.ifPresent(a -> criteria.add(new LocateCriterion.Algorithm(a)));
        bitLength.ifPresent(b -> criteria.add(new LocateCriterion.BitLength(b)));
        name.ifPresent(n -> criteria.add(new LocateCriterion.Named(n)));
        return criteria;
    }
}
