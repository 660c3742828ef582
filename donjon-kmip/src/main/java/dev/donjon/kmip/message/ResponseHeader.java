package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Response Header (KMIP 1.4 §7.2, 2.1 §8.5). Attestation Type and Server Hashed Password are
 * accepted and dropped on reading: they answer attestation and hashed-password credentials, which
 * this library never sends.
 */
public record ResponseHeader(
        ProtocolVersion protocolVersion,
        Instant timeStamp,
        Optional<Structure> nonce,
        Optional<String> clientCorrelationValue,
        Optional<String> serverCorrelationValue,
        int batchCount) {

    private static final List<Tag> GRAMMAR = List.of(Tag.PROTOCOL_VERSION, Tag.TIME_STAMP, Tag.NONCE, Tag.SERVER_HASHED_PASSWORD,
            Tag.ATTESTATION_TYPE, Tag.CLIENT_CORRELATION_VALUE, Tag.SERVER_CORRELATION_VALUE, Tag.BATCH_COUNT);

    public ResponseHeader {
        if (batchCount < 1) {
            throw new IllegalArgumentException("batch count must be at least 1: " + batchCount);
        }
        nonce.ifPresent(item -> {
            if (item.tag() != Tag.NONCE.code()) {
                throw new IllegalArgumentException("nonce has tag " + item.tagName());
            }
        });
    }

    /** A header with only the required fields. */
    public static ResponseHeader of(ProtocolVersion version, Instant timeStamp, int batchCount) {
        return new ResponseHeader(version, timeStamp, Optional.empty(), Optional.empty(), Optional.empty(), batchCount);
    }

    /** The header a server answers {@code request} with: its version (as negotiated) and its client correlation value echoed. */
    public static ResponseHeader answering(RequestHeader request, ProtocolVersion version, Instant timeStamp, int batchCount) {
        return new ResponseHeader(version, timeStamp, Optional.empty(), request.clientCorrelationValue(), Optional.empty(), batchCount);
    }

    public ResponseHeader withBatchCount(int count) {
        return new ResponseHeader(protocolVersion, timeStamp, nonce, clientCorrelationValue, serverCorrelationValue, count);
    }

    public ResponseHeader withServerCorrelationValue(String value) {
        return new ResponseHeader(protocolVersion, timeStamp, nonce, clientCorrelationValue, Optional.of(value), batchCount);
    }

    public Structure toTtlv() {
        return new Children()
                .add(protocolVersion.toTtlv())
                .add(new Ttlv.DateTimeItem(Tag.TIME_STAMP, timeStamp))
                .add(nonce)
                .text(Tag.CLIENT_CORRELATION_VALUE, clientCorrelationValue)
                .text(Tag.SERVER_CORRELATION_VALUE, serverCorrelationValue)
                .add(new Ttlv.IntegerItem(Tag.BATCH_COUNT, batchCount))
                .build(Tag.RESPONSE_HEADER);
    }

    public static ResponseHeader fromTtlv(Ttlv item) throws KmipMessageException {
        Fields f = Fields.of(Fields.structure(item, Tag.RESPONSE_HEADER, ResultReason.INVALID_MESSAGE), ResultReason.INVALID_MESSAGE, GRAMMAR,
                Set.of(Tag.ATTESTATION_TYPE));
        ProtocolVersion version = ProtocolVersion.fromTtlv(f.required(Tag.PROTOCOL_VERSION, Structure.class));
        Instant timeStamp = f.required(Tag.TIME_STAMP, Ttlv.DateTimeItem.class).value();
        int batchCount = f.required(Tag.BATCH_COUNT, Ttlv.IntegerItem.class).value();
        if (batchCount < 1) {
            throw f.error("Batch Count must be at least 1: " + batchCount);
        }
        return new ResponseHeader(version, timeStamp, f.struct(Tag.NONCE), f.text(Tag.CLIENT_CORRELATION_VALUE),
                f.text(Tag.SERVER_CORRELATION_VALUE), batchCount);
    }
}
