package dev.donjon.server.domain.port;

import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.keys.WrappedKek;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Project KEKs as stored (wrapped by a master key version) and the master key's check values, and the payloads they
 * seal as the KEK rotation sees them. Rows are added, re-wrapped, and deleted only by the KEK rotation once no payload
 * refers to them: a KEK version that sealed a payload must stay readable as long as the payload exists.
 */
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

    /** Forgets a retired master key version's check value. */
    void deleteMasterKeyCheck(int masterKeyVersion);

    /** Up to {@code limit} KEKs wrapped by a master key version older than {@code masterKeyVersion}. */
    java.util.List<WrappedKek> wrappedBefore(int masterKeyVersion, int limit);

    /**
     * Replaces a KEK's wrapped form, if the row still holds what {@code current} says (compare and set: another
     * node's re-wrap of the same row wins and this one does nothing).
     *
     * @return whether the row was changed
     */
    boolean rewrap(WrappedKek current, int newMasterKeyVersion, byte[] newWrapped);

    /** How many KEKs each master key version wraps. */
    Map<Integer, Long> countByMasterKeyVersion();

    /** Every project that has a KEK. */
    java.util.List<ProjectId> projects();

    /** Every project that has more than one KEK version: the KEK rotation has work there (re-encrypt or retire). */
    java.util.List<ProjectId> projectsWithOlderKekVersions();

    /** The project's KEK versions, oldest first. */
    java.util.List<WrappedKek> versions(ProjectId project);

    /**
     * Up to {@code limit} of the project's sealed payloads (secret payloads and CA keys) under a KEK version older
     * than {@code kekVersion}.
     */
    java.util.List<dev.donjon.server.domain.keys.StoredPayload> sealedBefore(ProjectId project, int kekVersion,
                                                                             int limit);

    /**
     * Replaces a payload's ciphertext if the row still holds exactly {@code current}'s (compare and set: a payload
     * deleted or changed meanwhile is left alone).
     *
     * @return whether the row was changed
     */
    boolean reseal(dev.donjon.server.domain.keys.StoredPayload current,
                   dev.donjon.server.domain.keys.SealedPayload replacement);

    /** How many of the project's sealed payloads each KEK version seals (versions sealing none are absent). */
    Map<Integer, Long> payloadsPerKekVersion(ProjectId project);

    /** Deletes the project's KEK versions older than {@code version}: the KEK rotation's retirement. */
    int deleteVersionsBefore(ProjectId project, int version);

    /**
     * Reserves up to {@code wanted} AES-GCM encryptions under a KEK version, never letting the version's count pass
     * {@code limit}: the nonce budget (a node spends what it reserved without asking again).
     *
     * @return how many were granted: 0 when the version's budget is spent (or the version does not exist), -1 when
     * another node changed the count meanwhile (ask again)
     */
    long reserveEncryptions(ProjectId project, int version, long wanted, long limit);

    /** How many encryptions the KEK version made or nodes reserved, if the version exists. */
    java.util.OptionalLong encryptions(ProjectId project, int version);
}
