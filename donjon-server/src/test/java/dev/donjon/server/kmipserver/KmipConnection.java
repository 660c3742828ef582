package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.TtlvException;
import dev.donjon.kmip.TtlvLimits;
import dev.donjon.kmip.enums.BatchErrorContinuationOption;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A raw KMIP test client: builds request messages from TTLV items and reads responses, over a real mutual-TLS socket,
 * so that tests control every byte the server sees.
 */
final class KmipConnection implements AutoCloseable {
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private int major = 1;
    private int minor = 4;

    KmipConnection(SSLContext tls, int port) throws IOException {
        socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.startHandshake();
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** The TLS session; a resumed one keeps the creation time of the handshake that first established it. */
    javax.net.ssl.SSLSession session() {
        return socket.getSession();
    }

    KmipConnection version(int major, int minor) {
        this.major = major;
        this.minor = minor;
        return this;
    }

    /** One batch item: the operation and its request payload's children. */
    record Item(Operation operation, List<Ttlv> payload) {
    }

    static Item item(Operation operation, Ttlv... payload) {
        return new Item(operation, List.of(payload));
    }

    /** Sends one operation and returns its response batch item. */
    Structure call(Operation operation, Ttlv... payload) throws IOException {
        return batch(null, item(operation, payload)).getFirst();
    }

    /** Sends one operation, requires success and returns the response payload. */
    Structure ok(Operation operation, Ttlv... payload) throws IOException {
        Structure item = call(operation, payload);
        if (status(item) != ResultStatus.SUCCESS) {
            throw new AssertionError(operation + " failed: " + reason(item) + " "
                    + item.find(Tag.RESULT_MESSAGE).map(Object::toString).orElse(""));
        }
        return item.find(Tag.RESPONSE_PAYLOAD, Structure.class).orElseThrow();
    }

    Structure ok(Item item) throws IOException {
        return ok(item.operation(), item.payload().toArray(Ttlv[]::new));
    }

    List<Structure> batch(BatchErrorContinuationOption onError, Item... items) throws IOException {
        List<Ttlv> header = new ArrayList<>(List.of(new Structure(Tag.PROTOCOL_VERSION,
                new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MAJOR, major),
                new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MINOR, minor))));
        if (onError != null) {
            header.add(new Ttlv.EnumerationItem(Tag.BATCH_ERROR_CONTINUATION_OPTION, onError));
        }
        header.add(new Ttlv.IntegerItem(Tag.BATCH_COUNT, items.length));
        List<Ttlv> message = new ArrayList<>(List.of(new Structure(Tag.REQUEST_HEADER, header)));
        for (Item item : items) {
            message.add(new Structure(Tag.BATCH_ITEM, new Ttlv.EnumerationItem(Tag.OPERATION, item.operation()),
                    new Structure(Tag.REQUEST_PAYLOAD, item.payload())));
        }
        Structure response = send(new Structure(Tag.REQUEST_MESSAGE, message)).orElseThrow(
                () -> new AssertionError("the server closed the connection"));
        return response.findAll(Tag.BATCH_ITEM).stream().map(Structure.class::cast).toList();
    }

    Optional<Structure> send(Ttlv message) throws IOException {
        return sendRaw(TtlvBinary.encode(message));
    }

    /** Sends bytes as they are; empty when the server closed the connection instead of answering. */
    Optional<Structure> sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return receive();
    }

    Optional<Structure> receive() throws IOException {
        try {
            return TtlvBinary.readMessage(in, TtlvLimits.DEFAULT).map(Structure.class::cast);
        } catch (TtlvException e) {
            throw new AssertionError("the server sent malformed TTLV: " + e.getMessage());
        } catch (java.net.SocketException | javax.net.ssl.SSLException e) {
            return Optional.empty();
        }
    }

    /** True when the server has closed the connection (reading yields end of stream or a reset). */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    static ResultStatus status(Structure item) {
        int code = item.find(Tag.RESULT_STATUS, Ttlv.EnumerationItem.class).orElseThrow().value();
        return ResultStatus.fromCode(code).orElseThrow();
    }

    static ResultReason reason(Structure item) {
        return item.find(Tag.RESULT_REASON, Ttlv.EnumerationItem.class)
                .flatMap(r -> ResultReason.fromCode(r.value())).orElse(null);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
