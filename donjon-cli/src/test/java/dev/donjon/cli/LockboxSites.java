package dev.donjon.cli;

import dev.donjon.server.app.LockboxServerProcess;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.LockboxKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two Donjon servers, site-a and site-b, as separate processes each with its own SQLite database under one directory,
 * each the other's lockbox peer (their own lockbox keys, the other's certificates), and the CLI profiles {@code a} and
 * {@code b} pointing at them (the profile directory is set for the test JVM while the sites exist). A site can be
 * stopped, killed with SIGKILL and started again on its data; its profile follows it.
 */
final class LockboxSites implements AutoCloseable {
    final Site a;
    final Site b;

    private LockboxSites(Site a, Site b) {
        this.a = a;
        this.b = b;
    }

    /** Makes both sites' lockbox keys under {@code directory}, then starts site-a and site-b. */
    static LockboxSites start(Path directory) throws Exception {
        Path keys = directory.resolve("keys");
        LockboxKeys.KeyFiles aSigning = LockboxKeys.make(keys, "a-sign", "EC");
        LockboxKeys.KeyFiles aEncryption = LockboxKeys.make(keys, "a-enc", "EC");
        LockboxKeys.KeyFiles bSigning = LockboxKeys.make(keys, "b-sign", "EC");
        LockboxKeys.KeyFiles bEncryption = LockboxKeys.make(keys, "b-enc", "EC");
        System.setProperty(Profiles.DIRECTORY_PROPERTY, directory.resolve("config").toString());
        LockboxSites sites = new LockboxSites(
                new Site(directory, "a", new LockboxServerProcess.Identity("site-a", aSigning.privateKey(),
                        aEncryption.privateKey(), "site-b", bSigning.certificate(), bEncryption.certificate())),
                new Site(directory, "b", new LockboxServerProcess.Identity("site-b", bSigning.privateKey(),
                        bEncryption.privateKey(), "site-a", aSigning.certificate(), aEncryption.certificate())));
        sites.a.start();
        sites.b.start();
        return sites;
    }

    @Override
    public void close() throws InterruptedException {
        System.clearProperty(Profiles.DIRECTORY_PROPERTY);
        a.stop();
        b.stop();
    }

    /** One site: its process while it runs, and the CLI profile named after it. */
    static final class Site {
        private final Path directory;
        private final String profile;
        private final LockboxServerProcess.Identity identity;
        private LockboxServerProcess process;

        private Site(Path directory, String profile, LockboxServerProcess.Identity identity) {
            this.directory = directory;
            this.profile = profile;
            this.identity = identity;
        }

        /** Starts (or restarts, on the same data) the site and logs profile {@code profile} in to it. */
        void start() throws IOException, InterruptedException {
            Path dataDir = directory.resolve(identity.name());
            process = LockboxServerProcess.start(dataDir, identity);
            Path token = Files.writeString(directory.resolve(profile + "-token"), process.token());
            DonjonRun.Result login = DonjonRun.run("login", "--profile", profile, "--url", process.baseUrl(), "--ca",
                    dataDir.resolve(DevPki.CA_CERTIFICATE).toString(), "--token-file", token.toString());
            if (login.exit() != 0) {
                throw new IllegalStateException("donjon login --profile " + profile + " exited with " + login.exit()
                        + ": " + login.err().strip());
            }
        }

        /** SIGKILL, as {@code kill -9}. */
        void kill() throws InterruptedException {
            process.kill();
            process = null;
        }

        /** SIGTERM: the server closes as on an ordinary shutdown. */
        void stop() throws InterruptedException {
            if (process != null) {
                process.close();
                process = null;
            }
        }
    }
}
