package dev.donjon.cli;

import dev.donjon.server.config.ConfigLoader;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.JoseLockboxSealer;
import dev.donjon.server.domain.DomainException.LockboxRefused;
import dev.donjon.server.domain.transfer.LockboxHeader;
import dev.donjon.server.domain.transfer.LockboxSealer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * An export file sealed for its destination in the lockbox envelope (docs/lockbox.md, docs/export-import.md): the
 * whole file encrypted for the destination's lockbox encryption certificate and signed with the origin's lockbox
 * signing key, both named by a server's configuration (its {@code lockbox} section). Opening checks, before anything
 * is decrypted or written anywhere, the signature against the origins that configuration trusts, that the file is
 * addressed to this server, and that it is fresh.
 */
final class SealedExport {
    /** A sealed file is read at most this far ahead of the reader's clock (clocks differ a little). */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private SealedExport() {
    }

    /**
     * An opened sealed file.
     *
     * @param exportId the file's id (its JWS jti): the destination imports each of its objects once
     */
    record Opened(String origin, String exportId, byte[] file) {
        @Override
        public String toString() {
            return "Opened[" + origin + ", " + exportId + "]";
        }
    }

    /** A sealed file could not be opened here; nothing was imported. */
    static final class Refused extends Exception {
        Refused(String message) {
            super("sealed export refused: " + message);
        }
    }

    /** The lockbox section of a server's configuration file (or of a file with only data_dir and lockbox). */
    static DonjonConfig.Lockbox lockbox(Path config) {
        DonjonConfig.Lockbox lockbox = ConfigLoader.lockbox(config, System.getenv());
        if (lockbox == null) {
            throw new IllegalArgumentException(config + " configures no lockbox identity (lockbox.identity)");
        }
        return lockbox;
    }

    /** The file's bytes sealed for {@code recipient}, a peer of {@code origin} with an encryption certificate. */
    static String seal(byte[] file, DonjonConfig.Lockbox origin, String recipient) {
        JoseLockboxSealer sealer = JoseLockboxSealer.open(origin, Clock.systemUTC());
        if (!sealer.knowsRecipient(recipient)) {
            throw new IllegalArgumentException("'" + recipient + "' is not a lockbox peer with an encryption "
                    + "certificate in the configuration");
        }
        return sealer.sealExport(new LockboxHeader(origin.identity(), recipient, UUID.randomUUID().toString(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS)), file);
    }

    /**
     * The export inside a sealed file, after checking who sealed it (a configured peer's signature, which covers
     * every byte), to whom (this configuration's identity) and when ({@code maxAge}).
     *
     * @return the origin, the export's id and the file's bytes
     */
    static Opened open(String sealed, DonjonConfig.Lockbox recipient, Duration maxAge)
            throws Refused {
        JoseLockboxSealer sealer = JoseLockboxSealer.open(recipient, Clock.systemUTC());
        try {
            LockboxSealer.Verified verified = sealer.verify(sealed);
            LockboxHeader header = verified.header();
            if (!header.recipient().equals(recipient.identity())) {
                throw new Refused("the file is addressed to '" + header.recipient() + "', this server is '"
                        + recipient.identity() + "'");
            }
            Instant now = Instant.now();
            if (header.issuedAt().isBefore(now.minus(maxAge))) {
                throw new Refused("the file was sealed at " + header.issuedAt() + ", more than " + maxAge.toSeconds()
                        + " s ago");
            }
            if (header.issuedAt().isAfter(now.plus(CLOCK_SKEW))) {
                throw new Refused("the file was sealed at " + header.issuedAt() + ", in the future");
            }
            return new Opened(header.origin(), header.lockboxId(), sealer.openExport(sealed, verified));
        } catch (LockboxRefused e) {
            throw new Refused(e.getMessage());
        }
    }
}
