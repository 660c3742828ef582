package dev.donjon.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 keep-alive connection, blocking, owned by one thread. Written by hand rather than using
 * {@code java.net.http.HttpClient} because that client's asynchronous machinery cost more CPU per request than the
 * server under test (see docs/benchmarks.md); this one is a write, and reads into one buffer.
 * <p>
 * Understands what a Barbican server answers: a status line, headers, and a body framed by {@code Content-Length},
 * chunked encoding or connection close.
 */
final class HttpConnection implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final int MAX_HEAD_LINE = 8192;
    /** The message of the EOFException when the server closed the connection before any byte of an answer. */
    static final String CLOSED_BEFORE_ANSWER = "connection closed by the server before answering";

    /** Status, body, and whether the connection can carry another request. */
    record Response(int status, byte[] body, boolean keepAlive) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    private HttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects, and for TLS completes a handshake that verifies the certificate chain and the host name. */
    static HttpConnection open(String host, int port, SSLContext tls) throws IOException {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            if (tls == null) {
                return new HttpConnection(plain);
            }
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            // SSLSocket checks the chain only; "HTTPS" adds the RFC 2818 host name check HttpsURLConnection does.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new HttpConnection(socket);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** Sends a complete request (head and body) and reads the whole response. */
    Response exchange(byte[] request) throws IOException {
        String statusLine;
        try {
            out.write(request);
            out.flush();
            statusLine = readLine();
        } catch (EOFException e) {
            // readLine's message when not one byte of the status line came
            throw "connection closed by the server".equals(e.getMessage()) ? new EOFException(CLOSED_BEFORE_ANSWER) : e;
        }
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = parseStatus(statusLine);
        boolean keepAlive = statusLine.startsWith("HTTP/1.1");
        long contentLength = -1;
        boolean chunked = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = parseLength(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                keepAlive = !value.equalsIgnoreCase("close") && (keepAlive || value.equalsIgnoreCase("keep-alive"));
            }
        }
        byte[] body;
        if (status == 204 || status == 304 || status < 200) {
            body = new byte[0];
        } else if (chunked) {
            body = readChunked();
        } else if (contentLength >= 0) {
            body = readExactly(contentLength);
        } else {
            body = readToEnd();
            keepAlive = false;
        }
        return new Response(status, body, keepAlive);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do: the connection is being thrown away.
        }
    }

    private static int parseStatus(String statusLine) throws IOException {
        try {
            return Integer.parseInt(statusLine, 9, 12, 10);
        } catch (NumberFormatException e) {
            throw new IOException("no status code in: " + statusLine);
        }
    }

    private static long parseLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value);
            if (length >= 0 && length <= Integer.MAX_VALUE - 16) {
                return length;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("bad Content-Length: " + value);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                    // trailers carry nothing the benchmark needs
                }
                return body.toByteArray();
            }
            body.write(readExactly(size));
            if (!readLine().isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private byte[] readExactly(long length) throws IOException {
        byte[] result = new byte[(int) length];
        int filled = 0;
        while (filled < result.length) {
            if (position == limit && !fill()) {
                throw new EOFException("connection closed after " + filled + " of " + length + " body bytes");
            }
            int n = Math.min(limit - position, result.length - filled);
            System.arraycopy(buffer, position, result, filled, n);
            position += n;
            filled += n;
        }
        return result;
    }

    private byte[] readToEnd() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (position < limit || fill()) {
            body.write(buffer, position, limit - position);
            position = limit;
        }
        return body.toByteArray();
    }

    /** A CRLF- (or LF-) terminated line of the head, without the terminator; ISO-8859-1 as HTTP/1.1 says. */
    private String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == limit && !fill()) {
                throw new EOFException(line == null ? "connection closed by the server" : "connection closed mid-line");
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int end = position;
            boolean complete = position < limit;
            if (complete) {
                position++; // the '\n'
            }
            if (line == null && complete) {
                return new String(buffer, start, trimCr(start, end) - start, StandardCharsets.ISO_8859_1);
            }
            if (line == null) {
                line = new StringBuilder();
            }
            line.append(new String(buffer, start, end - start, StandardCharsets.ISO_8859_1));
            if (line.length() > MAX_HEAD_LINE) {
                throw new IOException("response head line longer than " + MAX_HEAD_LINE);
            }
            if (complete) {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
        }
    }

    private int trimCr(int start, int end) {
        return end > start && buffer[end - 1] == '\r' ? end - 1 : end;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
