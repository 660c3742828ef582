package dev.donjon.server.domain.port;

import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.keys.WrappedKek;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public interface ProjectKeyRepository {
    /** The highest version of the project's KEK. */
    Optional<WrappedKek> current(ProjectId project);

    Optional<WrappedKek> find(ProjectId project, int version);

    /** Inserts the KEK unless that project and version already exist (another node won the race); says which. */
    boolean insertIfAbsent(WrappedKek kek);

    /** The master key versions that wrap at least one stored KEK. */
    Set<Integer> masterKeyVersionsInUse();

    /** The first KEK (by project, then version) wrapped by that master key version: one sample to check it by. */
    Optional<WrappedKek> anyWrappedBy(int masterKeyVersion);

    /** The key check values: master key version → random bytes wrapped by that version. */
    Map<Integer, byte[]> masterKeyChecks();

    /** Records a version's key check value unless one exists (another node won the race); says which. */
    boolean insertMasterKeyCheckIfAbsent(int masterKeyVersion, byte[] wrapped, java.time.Instant created);
}
