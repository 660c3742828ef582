package dev.donjon.kmip.client;

import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.TtlvException;
import dev.donjon.kmip.TtlvLimits;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.QueryFunction;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.KmipMessageException;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestBatchItem;
import dev.donjon.kmip.message.RequestHeader;
import dev.donjon.kmip.message.RequestMessage;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponseBatchItem;
import dev.donjon.kmip.message.ResponseMessage;
import dev.donjon.kmip.message.ResponsePayload;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A blocking KMIP client over one TLS connection (binary TTLV). Thread-safe: requests are
 * serialised, one round trip at a time. A failed batch item throws {@link KmipOperationException}
 * and leaves the connection usable; a transport or protocol failure (timeout, oversized or
 * malformed response) throws {@link IOException} and closes it, since the stream can no longer be
 * trusted to be at a message boundary.
 */
public final class KmipClient implements AutoCloseable {

    /**
     * How to reach the server. The host name is checked against the server certificate.
     *
     * @param maxResponseSize sent as Maximum Response Size, and a longer response is refused unread
     */
    public record Config(String host, int port, SSLContext sslContext, ProtocolVersion protocolVersion, Duration connectTimeout,
                         Duration readTimeout, int maxResponseSize) {

        public Config {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(sslContext, "sslContext");
            Objects.requireNonNull(protocolVersion, "protocolVersion");
            if (maxResponseSize <= 0) {
                throw new IllegalArgumentException("max response size must be positive: " + maxResponseSize);
            }
            if (connectTimeout.isNegative() || readTimeout.isNegative()) {
                throw new IllegalArgumentException("negative timeout");
            }
        }

        /** KMIP 1.4 (the version most servers speak), 10 s to connect, 30 s per response, 1 MiB responses. */
        public static Config of(String host, int port, SSLContext sslContext) {
            return new Config(host, port, sslContext, ProtocolVersion.V1_4, Duration.ofSeconds(10), Duration.ofSeconds(30), 1 << 20);
        }

        public Config withProtocolVersion(ProtocolVersion version) {
            return new Config(host, port, sslContext, version, connectTimeout, readTimeout, maxResponseSize);
        }

        public Config withTimeouts(Duration connect, Duration read) {
            return new Config(host, port, sslContext, protocolVersion, connect, read, maxResponseSize);
        }

        public Config withMaxResponseSize(int bytes) {
            return new Config(host, port, sslContext, protocolVersion, connectTimeout, readTimeout, bytes);
        }
    }

    private static final String[] TLS_VERSIONS = {"TLSv1.3", "TLSv1.2"};

    private final Config config;
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean broken;

    private KmipClient(Config config, SSLSocket socket) throws IOException {
        this.config = config;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and completes the TLS handshake (TLS 1.2 or 1.3 only). */
    public static KmipClient connect(Config config) throws IOException {
        SSLSocket socket = (SSLSocket) config.sslContext().getSocketFactory().createSocket();
        try {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(Arrays.stream(TLS_VERSIONS).filter(Arrays.asList(socket.getSupportedProtocols())::contains).toArray(String[]::new));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.connect(new InetSocketAddress(config.host(), config.port()), Math.toIntExact(config.connectTimeout().toMillis()));
            socket.setSoTimeout(Math.toIntExact(config.readTimeout().toMillis()));
            // Requests are single writes; Nagle would only delay the ones that follow a TLS record of their own.
            socket.setTcpNoDelay(true);
            socket.setTcpNoDelay(true);
            socket.startHandshake();
            return new KmipClient(config, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public ProtocolVersion protocolVersion() {
        return config.protocolVersion();
    }

    /** One round trip. The header's Maximum Response Size is the configured one unless the message sets its own. */
    public ResponseMessage send(RequestMessage request) throws IOException {
        lock.lock();
        try {
            if (broken || socket.isClosed()) {
                throw new IOException("connection to " + config.host() + ":" + config.port() + " is closed");
            }
            try {
                out.write(TtlvBinary.encode(request.toTtlv()));
                out.flush();
                Optional<Ttlv> response = TtlvBinary.readMessage(in, TtlvLimits.ofMaxMessageBytes(config.maxResponseSize()));
                if (response.isEmpty()) {
                    throw new IOException("server closed the connection without answering");
                }
                ResponseMessage message = ResponseMessage.fromTtlv(response.get());
                if (message.items().size() != request.items().size()) {
                    throw new IOException("sent " + request.items().size() + " batch items, got " + message.items().size() + " answers");
                }
                return message;
            } catch (TtlvException | KmipMessageException e) {
                throw fail(new IOException("invalid response: " + e.getMessage(), e));
            } catch (IOException e) {
                throw fail(e);
            }
        } finally {
            lock.unlock();
        }
    }

    private IOException fail(IOException e) {
        broken = true;
        try {
            socket.close();
        } catch (IOException closing) {
            e.addSuppressed(closing);
        }
        return e;
    }

    /** A batch of operations sent in one message. */
    public Batch batch() {
        return new Batch();
    }

    /** Builds a batch; items get Unique Batch Item IDs so answers are matched to them, whatever order the server keeps. */
    public final class Batch {

        private final List<RequestPayload> payloads = new ArrayList<>();

        private Batch() {
        }

        public Batch add(RequestPayload payload) {
            payloads.add(payload);
            return this;
        }

        /** Sends the batch; the answers come back in the order the items were added. */
        public List<ResponseBatchItem> send() throws IOException {
            if (payloads.isEmpty()) {
                throw new IllegalStateException("empty batch");
            }
            ProtocolVersion version = config.protocolVersion();
            List<RequestBatchItem> items = new ArrayList<>(payloads.size());
            for (int i = 0; i < payloads.size(); i++) {
                Optional<byte[]> id = payloads.size() > 1 ? Optional.of(ByteBuffer.allocate(4).putInt(i).array()) : Optional.empty();
                items.add(new RequestBatchItem(payloads.get(i).operation(), id, payloads.get(i).toTtlv(version)));
            }
            ResponseMessage response = KmipClient.this.send(RequestMessage.of(header(), items));
            if (payloads.size() == 1) {
                return response.items();
            }
            ResponseBatchItem[] ordered = new ResponseBatchItem[payloads.size()];
            for (ResponseBatchItem item : response.items()) {
                int index = item.uniqueBatchItemId().filter(id -> id.length == 4).map(id -> ByteBuffer.wrap(id).getInt()).orElse(-1);
                if (index < 0 || index >= ordered.length || ordered[index] != null) {
                    throw fail(new IOException("answer with an unknown or repeated Unique Batch Item ID"));
                }
                ordered[index] = item;
            }
            return List.of(ordered);
        }
    }

    private RequestHeader header() {
        return RequestHeader.of(config.protocolVersion(), 1).withMaximumResponseSize(config.maxResponseSize());
    }

    /**
     * The typed payload of a successful answer.
     *
     * @throws KmipOperationException if the item did not succeed
     * @throws IOException            if a successful answer has no payload, or one of another operation or type
     */
    public <R extends ResponsePayload> R payload(ResponseBatchItem item, Class<R> type) throws KmipOperationException, IOException {
        if (item.resultStatus() != ResultStatus.SUCCESS) {
            throw new KmipOperationException(item.resultStatus(), item.resultReason().orElse(ResultReason.GENERAL_FAILURE),
                    item.resultMessage().orElse(item.resultStatus().specName()));
        }
        if (item.operation().isEmpty() || item.payload().isEmpty()) {
            throw fail(new IOException("successful answer without operation or payload"));
        }
        try {
            Optional<ResponsePayload> payload = ResponsePayload.fromTtlv(item.operation().get(), item.payload().get(), config.protocolVersion());
            if (payload.isEmpty() || !type.isInstance(payload.get())) {
                throw fail(new IOException("expected a " + type.getSimpleName() + " answer, got " + item.operation().get().specName()));
            }
            return type.cast(payload.get());
        } catch (KmipMessageException e) {
            throw fail(new IOException("invalid response payload: " + e.getMessage(), e));
        }
    }

    /** One operation in one round trip. */
    public <R extends ResponsePayload> R call(RequestPayload request, Class<R> type) throws IOException, KmipOperationException {
        return payload(batch().add(request).send().getFirst(), type);
    }

    public String create(ObjectType objectType, Attributes attributes) throws IOException, KmipOperationException {
        return call(new RequestPayload.Create(objectType, attributes), ResponsePayload.Create.class).uniqueIdentifier();
    }

    /** Creates a symmetric key, named if {@code name} is given; returns its Unique Identifier. */
    public String createSymmetricKey(CryptographicAlgorithm algorithm, int length, Optional<String> name, CryptographicUsageMask... usage)
            throws IOException, KmipOperationException {
        Attributes attributes = Attributes.symmetricKey(algorithm, length, usage);
        return create(ObjectType.SYMMETRIC_KEY, name.map(n -> attributes.with(Attribute.name(n))).orElse(attributes));
    }

    /** Registers a managed object (a Symmetric Key, Secret Data... structure); returns its Unique Identifier. */
    public String register(ObjectType objectType, Attributes attributes, Ttlv.Structure managedObject) throws IOException, KmipOperationException {
        return call(new RequestPayload.Register(objectType, attributes, managedObject), ResponsePayload.Register.class).uniqueIdentifier();
    }

    public ResponsePayload.Get get(String uniqueIdentifier) throws IOException, KmipOperationException {
        return call(new RequestPayload.Get(uniqueIdentifier), ResponsePayload.Get.class);
    }

    /** The identifiers of the objects with this (uninterpreted text) name. */
    public List<String> locateByName(String name) throws IOException, KmipOperationException {
        return call(RequestPayload.Locate.byAttributes(Attributes.of(Attribute.name(name))), ResponsePayload.Locate.class).uniqueIdentifiers();
    }

    public void activate(String uniqueIdentifier) throws IOException, KmipOperationException {
        call(new RequestPayload.Activate(Optional.of(uniqueIdentifier)), ResponsePayload.Activate.class);
    }

    /** Revokes; a compromise reason dates the compromise now, as the server needs a date for it. */
    public void revoke(String uniqueIdentifier, RevocationReasonCode reason, Optional<String> message) throws IOException, KmipOperationException {
        Optional<Instant> compromised = reason == RevocationReasonCode.KEY_COMPROMISE || reason == RevocationReasonCode.CA_COMPROMISE
                ? Optional.of(Instant.now()) : Optional.empty();
        call(new RequestPayload.Revoke(Optional.of(uniqueIdentifier), reason, message, compromised), ResponsePayload.Revoke.class);
    }

    public void destroy(String uniqueIdentifier) throws IOException, KmipOperationException {
        call(new RequestPayload.Destroy(Optional.of(uniqueIdentifier)), ResponsePayload.Destroy.class);
    }

    /** Encrypts with the key's own parameters unless some are given; the answer has the IV the server chose, if any. */
    public ResponsePayload.Encrypt encrypt(String uniqueIdentifier, byte[] data, Optional<Ttlv.Structure> cryptographicParameters, Optional<byte[]> iv)
            throws IOException, KmipOperationException {
        return call(RequestPayload.Encrypt.of(uniqueIdentifier, cryptographicParameters, data, iv), ResponsePayload.Encrypt.class);
    }

    public byte[] decrypt(String uniqueIdentifier, byte[] data, Optional<Ttlv.Structure> cryptographicParameters, Optional<byte[]> iv)
            throws IOException, KmipOperationException {
        return call(RequestPayload.Decrypt.of(uniqueIdentifier, cryptographicParameters, data, iv), ResponsePayload.Decrypt.class).data()
                .orElseThrow(() -> fail(new IOException("Decrypt answer without Data")));
    }

    /** The versions both sides support, the server's preference first; {@code offered} empty asks for all of the server's. */
    public List<ProtocolVersion> discoverVersions(List<ProtocolVersion> offered) throws IOException, KmipOperationException {
        return call(new RequestPayload.DiscoverVersions(offered), ResponsePayload.DiscoverVersions.class).versions();
    }

    public ResponsePayload.Query query(QueryFunction... functions) throws IOException, KmipOperationException {
        return call(new RequestPayload.Query(List.of(functions)), ResponsePayload.Query.class);
    }

    /** Closes the connection; not under the request lock, so it also ends a send blocked on a slow server. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
