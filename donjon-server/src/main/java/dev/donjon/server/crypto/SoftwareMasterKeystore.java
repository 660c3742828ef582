package dev.donjon.server.crypto;

import dev.donjon.server.domain.DomainException;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Master keys held in software: a key file readable by its owner only, or the {@code DONJON_MASTER_KEY} environment
 * variable. Both use the same text form, one {@code VERSION:BASE64} entry per line (or comma-separated in the
 * environment); a bare base64 key is version 1. Each key is 256 bits of AES.
 */
public final class SoftwareMasterKeystore implements MasterKeystore {
    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String HEADER = "# Donjon master keys (VERSION:BASE64). Losing this file loses every secret; "
            + "keep it readable by the server's user only.\n";

    private final SortedMap<Integer, byte[]> keys;
    private final Path file;
    private final SecureRandom random;

    private SoftwareMasterKeystore(SortedMap<Integer, byte[]> keys, Path file, SecureRandom random) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no master key given");
        }
        this.keys = Collections.synchronizedSortedMap(keys);
        this.file = file;
        this.random = random;
    }

    /** Master keys from the environment; they cannot be rotated from inside the server. */
    public static SoftwareMasterKeystore fromText(String text) {
        return new SoftwareMasterKeystore(parse(text, "DONJON_MASTER_KEY"), null, null);
    }

    /**
     * Reads an existing key file (a production node, which never creates one: {@code donjon master-key init} does).
     *
     * @throws IllegalStateException the file is missing, or its group or others may read it
     */
    public static SoftwareMasterKeystore open(Path file, SecureRandom random) {
        if (!Files.exists(file)) {
            throw new IllegalStateException("the master key file " + file + " does not exist");
        }
        return openOrCreate(file, random);
    }

    /**
     * Reads the key file, or creates it with one fresh key when it does not exist yet. The file is created atomically
     * with owner-only permissions, so a crash never leaves a partial or world-readable key behind.
     *
     * @throws IllegalStateException the file exists but its group or others may read it
     */
    public static SoftwareMasterKeystore openOrCreate(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                SortedMap<Integer, byte[]> fresh = new TreeMap<>();
                fresh.put(1, randomKey(random));
                try {
                    writeAtomically(file, fresh, false);
                } catch (FileAlreadyExistsException raced) {
                    wipe(fresh);
                    return openOrCreate(file, random);
                }
                return new SoftwareMasterKeystore(fresh, file, random);
            }
            requireOwnerOnly(file);
            return new SoftwareMasterKeystore(read(file), file, random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the master key file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int currentVersion() {
        return keys.lastKey();
    }

    @Override
    public java.util.SortedSet<Integer> versions() {
        synchronized (keys) {
            return new java.util.TreeSet<>(keys.keySet());
        }
    }

    @Override
    public Wrapped wrap(byte[] kek) {
        int version = currentVersion();
        return new Wrapped(version, AesKeyWrap.wrap(key(version), kek));
    }

    @Override
    public byte[] unwrap(int masterKeyVersion, byte[] wrapped) {
        return AesKeyWrap.unwrap(key(masterKeyVersion), wrapped);
    }

    /**
     * Adds a new master key version and makes it current. KEKs wrapped under older versions stay readable until
     * they are re-wrapped. The file is re-read first, so that a version another process added is kept.
     *
     * @return the new version
     */
    @Override
    public int rotate() {
        requireFile("rotated");
        synchronized (keys) {
            reload();
            int next = keys.lastKey() + 1;
            SortedMap<Integer, byte[]> rotated = new TreeMap<>(keys);
            rotated.put(next, randomKey(random));
            rewrite(rotated);
            keys.put(next, rotated.get(next));
            return next;
        }
    }

    @Override
    public void retire(int version) {
        requireFile("retired");
        synchronized (keys) {
            reload();
            if (version == keys.lastKey()) {
                throw new IllegalArgumentException("master key version " + version + " is current");
            }
            if (!keys.containsKey(version)) {
                return;
            }
            SortedMap<Integer, byte[]> kept = new TreeMap<>(keys);
            kept.remove(version);
            rewrite(kept);
            Arrays.fill(keys.remove(version), (byte) 0);
        }
    }

    private void requireFile(String what) {
        if (file == null) {
            throw new UnsupportedOperationException("master keys from DONJON_MASTER_KEY are " + what
                    + " by changing the variable");
        }
    }

    private void rewrite(SortedMap<Integer, byte[]> content) {
        try {
            writeAtomically(file, content, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the master key file " + file, e);
        }
    }

    @Override
    public void refresh() {
        synchronized (keys) {
            reload();
        }
    }

    /** Adds the versions another process wrote to the file since it was read; never changes a known version. */
    private void reload() {
        if (file == null) {
            return;
        }
        try {
            SortedMap<Integer, byte[]> onDisk = read(file);
            onDisk.forEach((version, key) -> {
                if (keys.putIfAbsent(version, key) != null) {
                    Arrays.fill(key, (byte) 0);
                }
            });
        } catch (IOException | RuntimeException e) {
            // The keys already held stay usable; the missing version is reported by the caller.
        }
    }

    private static SortedMap<Integer, byte[]> read(Path file) throws IOException {
        requireOwnerOnly(file);
        return parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    @Override
    public String backend() {
        return "software";
    }

    @Override
    public void close() {
        wipe(keys);
    }

    @Override
    public String toString() {
        return "SoftwareMasterKeystore[versions=" + keys.keySet() + (file == null ? ", env" : ", file=" + file) + "]";
    }

    private SecretKeySpec key(int version) {
        byte[] key = keys.get(version);
        if (key == null) {
            synchronized (keys) {
                reload();
                key = keys.get(version);
            }
        }
        if (key == null) {
            throw new DomainException.Integrity("master key version " + version + " is not in the keystore");
        }
        return new SecretKeySpec(key, "AES");
    }

    private static byte[] randomKey(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    private static SortedMap<Integer, byte[]> parse(String text, String source) {
        SortedMap<Integer, byte[]> keys = new TreeMap<>();
        for (String raw : text.split("[,\n]")) {
            String entry = raw.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            int colon = entry.indexOf(':');
            int version;
            try {
                version = colon < 0 ? 1 : Integer.parseInt(entry.substring(0, colon));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(source + ": a master key version must be a number");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(source + ": master key version " + version + " is not valid base64");
            }
            if (key.length != KEY_BYTES) {
                Arrays.fill(key, (byte) 0);
                throw new IllegalStateException(source + ": master key version " + version + " must be 32 bytes");
            }
            if (version < 1 || keys.put(version, key) != null) {
                throw new IllegalStateException(source + ": master key version " + version + " is invalid or repeated");
            }
        }
        return keys;
    }

    private static void requireOwnerOnly(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        for (PosixFilePermission p : permissions) {
            if (!OWNER_ONLY.contains(p) && p != PosixFilePermission.OWNER_EXECUTE) {
                throw new IllegalStateException("the master key file " + file + " is accessible to others ("
                        + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
            }
        }
    }

    private static void writeAtomically(Path file, SortedMap<Integer, byte[]> keys, boolean replace)
            throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, ".master-key", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            StringBuilder text = new StringBuilder(HEADER);
            keys.forEach((version, key) -> text.append(version).append(':')
                    .append(Base64.getEncoder().encodeToString(key)).append('\n'));
            byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
            try (var channel = java.nio.channels.FileChannel.open(temporary,
                    java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
            if (replace) {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // A hard link fails when the target exists, which a rename would silently replace.
                Files.createLink(file, temporary);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void wipe(java.util.Map<Integer, byte[]> keys) {
        keys.values().forEach(key -> Arrays.fill(key, (byte) 0));
    }
}
