package dev.donjon.server.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How many TCP connections a listening port holds, as the kernel counts them: established (including those still in
 * the accept backlog, which wait for a connection slot) or closed by the peer but not yet by this process. Helidon
 * keeps its own count private, and a count taken inside the process would miss the backlog, which is where the
 * clients of a saturated listener wait. Read from {@code /proc/net/tcp} and {@code tcp6} (Linux); elsewhere unknown.
 */
public final class ListenerConnections {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** TCP_ESTABLISHED and TCP_CLOSE_WAIT in the kernel's state column. */
    private static final String ESTABLISHED = "01";
    private static final String CLOSE_WAIT = "08";

    private ListenerConnections() {
    }

    /** Connections to local {@code port}, or -1 where the kernel's tables cannot be read. */
    public static int count(int port) {
        String localPort = String.format(":%04X", port);
        int count = 0;
        boolean readAny = false;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try (BufferedReader lines = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
                lines.readLine(); // column titles
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    count += holds(line, localPort) ? 1 : 0;
                }
                readAny = true;
            } catch (IOException e) {
                // The table vanished or cannot be read: counted as unknown below if no table could be.
            }
        }
        return readAny ? count : -1;
    }

    /** "  12: 0100007F:2454 0100007F:D2C4 01 ..." : slot, local address:port, remote, state. */
    private static boolean holds(String line, String localPort) {
        int local = line.indexOf(':') + 2;
        int localEnd = line.indexOf(' ', local);
        if (local < 2 || localEnd < 0 || !line.startsWith(localPort, localEnd - localPort.length())) {
            return false;
        }
        int remoteEnd = line.indexOf(' ', localEnd + 1);
        if (remoteEnd < 0 || remoteEnd + 3 > line.length()) {
            return false;
        }
        String state = line.substring(remoteEnd + 1, remoteEnd + 3);
        return state.equals(ESTABLISHED) || state.equals(CLOSE_WAIT);
    }
}
