package dev.donjon.server.app;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test's way into a server running in a network namespace ({@link NetworkNamespaces}) without giving the test's
 * own namespace an address on the hosts' network: a Unix domain socket (a file, seen from every namespace) opened by
 * the server's JVM ({@link Entry}), through which the test JVM reaches any TCP address inside the namespace. A
 * {@link Forward} listens on a loopback port of the test's namespace (24000-24499) and carries each connection
 * there, byte for byte (TLS stays end to end). Like an out-of-band management link: a partition of the host's
 * network interface does not cut it.
 */
public final class NamespaceRelay {
    private static final int FIRST_PORT = 24000;
    private static final int LAST_PORT = 24499;

    private NamespaceRelay() {
    }

    /**
     * The JVM's entry point inside the namespace: opens the relay socket, then runs the server's own main class.
     * Arguments: the socket's path, the main class, its arguments. Each connection to the socket starts with one line
     * {@code host:port}, the TCP address inside the namespace to carry it to.
     */
    public static final class Entry {
        public static void main(String[] args) throws Throwable {
            Path socket = Path.of(args[0]);
            Files.deleteIfExists(socket);
            ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(socket));
            Thread.ofPlatform().daemon().name("namespace-relay").start(() -> {
                while (true) {
                    try {
                        SocketChannel incoming = listener.accept();
                        Thread.ofVirtual().start(() -> carry(incoming));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            try {
                Class.forName(args[1]).getMethod("main", String[].class)
                        .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private static void carry(SocketChannel incoming) {
            try (incoming) {
                String target = readLine(incoming);
                int colon = target.lastIndexOf(':');
                try (SocketChannel outgoing = SocketChannel.open(new InetSocketAddress(
                        InetAddress.getByName(target.substring(0, colon)),
                        Integer.parseInt(target.substring(colon + 1))))) {
                    pump(incoming, outgoing);
                }
            } catch (IOException | RuntimeException e) {
                // The connection ends: the test's client sees it closed, as if the server had closed it.
            }
        }

        private static String readLine(SocketChannel channel) throws IOException {
            ByteBuffer one = ByteBuffer.allocate(1);
            StringBuilder line = new StringBuilder();
            while (line.length() < 300) {
                one.clear();
                if (channel.read(one) < 0) {
                    throw new IOException("the relay connection closed before its target");
                }
                char c = (char) one.get(0);
                if (c == '\n') {
                    return line.toString();
                }
                line.append(c);
            }
            throw new IOException("no relay target");
        }
    }

    /** Starts forwarding a loopback port of the test's namespace to {@code host:port} through {@code socket}. */
    public static Forward forward(Path socket, String host, int port) throws IOException {
        return new Forward(bindLoopback(), socket, host + ":" + port + "\n");
    }

    /** A loopback listener of the test's namespace forwarding into the server's namespace. */
    public static final class Forward implements AutoCloseable {
        private final ServerSocketChannel listener;
        private final List<SocketChannel> open = new CopyOnWriteArrayList<>();

        private Forward(ServerSocketChannel listener, Path socket, String header) {
            this.listener = listener;
            Thread.ofPlatform().daemon().name("namespace-forward-" + port()).start(() -> {
                while (true) {
                    SocketChannel client;
                    try {
                        client = listener.accept();
                    } catch (IOException e) {
                        return;
                    }
                    open.add(client);
                    Thread.ofVirtual().start(() -> {
                        try (client; SocketChannel relay = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                            open.add(relay);
                            relay.write(ByteBuffer.wrap(header.getBytes(StandardCharsets.US_ASCII)));
                            pump(client, relay);
                        } catch (IOException e) {
                            // The server's JVM is gone (killed, stopped): the client sees the connection closed.
                        } finally {
                            open.remove(client);
                        }
                    });
                }
            });
        }

        public int port() {
            return ((InetSocketAddress) listener.socket().getLocalSocketAddress()).getPort();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (SocketChannel channel : open) {
                channel.close();
            }
        }
    }

    private static ServerSocketChannel bindLoopback() throws IOException {
        for (int port = FIRST_PORT; port <= LAST_PORT; port++) {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return channel;
            } catch (BindException e) {
                channel.close();
            }
        }
        throw new BindException("no free loopback port in " + FIRST_PORT + "-" + LAST_PORT);
    }

    /** Copies both ways until both directions ended; an end of one direction is passed on as a half close. */
    private static void pump(SocketChannel a, SocketChannel b) throws IOException {
        Thread back = Thread.ofVirtual().start(() -> copy(b, a));
        copy(a, b);
        try {
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // Both are being torn down.
            }
        }
    }
}
