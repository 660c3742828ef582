package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.BatchErrorContinuationOption;
import dev.donjon.kmip.enums.ResultReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Request Header (KMIP 1.4 §7.2, 2.1 §8.2).
 *
 * <p>The Asynchronous Indicator is kept as its item because its type changed: a Boolean in 1.x, an
 * Enumeration in 2.x. The Authentication structure is kept as TTLV for the server's credential
 * check to interpret. Attestation Capable Indicator and Attestation Type are accepted and dropped:
 * they only let a server ask for attestation, which Donjon never does.
 *
 * @param batchOrderOption absent means False in 1.x and True in 2.x, so the absence is kept
 */
public record RequestHeader(
        ProtocolVersion protocolVersion,
        Optional<Integer> maximumResponseSize,
        Optional<String> clientCorrelationValue,
        Optional<String> serverCorrelationValue,
        Optional<Ttlv> asynchronousIndicator,
        Optional<Structure> authentication,
        Optional<BatchErrorContinuationOption> batchErrorContinuationOption,
        Optional<Boolean> batchOrderOption,
        Optional<Instant> timeStamp,
        int batchCount) {

    private static final List<Tag> GRAMMAR = List.of(Tag.PROTOCOL_VERSION, Tag.MAXIMUM_RESPONSE_SIZE, Tag.CLIENT_CORRELATION_VALUE,
            Tag.SERVER_CORRELATION_VALUE, Tag.ASYNCHRONOUS_INDICATOR, Tag.ATTESTATION_CAPABLE_INDICATOR, Tag.ATTESTATION_TYPE,
            Tag.AUTHENTICATION, Tag.BATCH_ERROR_CONTINUATION_OPTION, Tag.BATCH_ORDER_OPTION, Tag.TIME_STAMP, Tag.BATCH_COUNT);

    public RequestHeader {
        if (batchCount < 1) {
            throw new IllegalArgumentException("batch count must be at least 1: " + batchCount);
        }
        maximumResponseSize.ifPresent(size -> {
            if (size <= 0) {
                throw new IllegalArgumentException("maximum response size must be positive: " + size);
            }
        });
        asynchronousIndicator.ifPresent(item -> {
            if (item.tag() != Tag.ASYNCHRONOUS_INDICATOR.code()) {
                throw new IllegalArgumentException("asynchronous indicator has tag " + item.tagName());
            }
        });
        authentication.ifPresent(item -> {
            if (item.tag() != Tag.AUTHENTICATION.code()) {
                throw new IllegalArgumentException("authentication has tag " + item.tagName());
            }
        });
    }

    /** A header with only the required fields. */
    public static RequestHeader of(ProtocolVersion version, int batchCount) {
        return new RequestHeader(version, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), batchCount);
    }

    public RequestHeader withMaximumResponseSize(int size) {
        return new RequestHeader(protocolVersion, Optional.of(size), clientCorrelationValue, serverCorrelationValue, asynchronousIndicator,
                authentication, batchErrorContinuationOption, batchOrderOption, timeStamp, batchCount);
    }

    public RequestHeader withClientCorrelationValue(String value) {
        return new RequestHeader(protocolVersion, maximumResponseSize, Optional.of(value), serverCorrelationValue, asynchronousIndicator,
                authentication, batchErrorContinuationOption, batchOrderOption, timeStamp, batchCount);
    }

    public RequestHeader withAuthentication(Structure value) {
        return new RequestHeader(protocolVersion, maximumResponseSize, clientCorrelationValue, serverCorrelationValue, asynchronousIndicator,
                Optional.of(value), batchErrorContinuationOption, batchOrderOption, timeStamp, batchCount);
    }

    public RequestHeader withBatchErrorContinuationOption(BatchErrorContinuationOption option) {
        return new RequestHeader(protocolVersion, maximumResponseSize, clientCorrelationValue, serverCorrelationValue, asynchronousIndicator,
                authentication, Optional.of(option), batchOrderOption, timeStamp, batchCount);
    }

    public RequestHeader withBatchOrderOption(boolean ordered) {
        return new RequestHeader(protocolVersion, maximumResponseSize, clientCorrelationValue, serverCorrelationValue, asynchronousIndicator,
                authentication, batchErrorContinuationOption, Optional.of(ordered), timeStamp, batchCount);
    }

    public RequestHeader withTimeStamp(Instant value) {
        return new RequestHeader(protocolVersion, maximumResponseSize, clientCorrelationValue, serverCorrelationValue, asynchronousIndicator,
                authentication, batchErrorContinuationOption, batchOrderOption, Optional.of(value), batchCount);
    }

    public RequestHeader withBatchCount(int count) {
        return new RequestHeader(protocolVersion, maximumResponseSize, clientCorrelationValue, serverCorrelationValue, asynchronousIndicator,
                authentication, batchErrorContinuationOption, batchOrderOption, timeStamp, count);
    }

    /** The option in effect: an absent Batch Error Continuation Option means Stop. */
    public BatchErrorContinuationOption effectiveBatchErrorContinuationOption() {
        return batchErrorContinuationOption.orElse(BatchErrorContinuationOption.STOP);
    }

    /** The option in effect: an absent Batch Order Option means False in 1.x and True from 2.0. */
    public boolean effectiveBatchOrderOption() {
        return batchOrderOption.orElse(protocolVersion.usesTaggedAttributes());
    }

    public Structure toTtlv() {
        return new Children()
                .add(protocolVersion.toTtlv())
                .integer(Tag.MAXIMUM_RESPONSE_SIZE, maximumResponseSize)
                .text(Tag.CLIENT_CORRELATION_VALUE, clientCorrelationValue)
                .text(Tag.SERVER_CORRELATION_VALUE, serverCorrelationValue)
                .add(asynchronousIndicator)
                .add(authentication)
                .enumeration(Tag.BATCH_ERROR_CONTINUATION_OPTION, batchErrorContinuationOption)
                .bool(Tag.BATCH_ORDER_OPTION, batchOrderOption)
                .dateTime(Tag.TIME_STAMP, timeStamp)
                .add(new Ttlv.IntegerItem(Tag.BATCH_COUNT, batchCount))
                .build(Tag.REQUEST_HEADER);
    }

    /** Reads a Request Header; anything malformed is an Invalid Message (an unknown enumeration value an Invalid Field). */
    public static RequestHeader fromTtlv(Ttlv item) throws KmipMessageException {
        Structure s = Fields.structure(item, Tag.REQUEST_HEADER, ResultReason.INVALID_MESSAGE);
        Fields f = Fields.of(s, ResultReason.INVALID_MESSAGE, GRAMMAR, Set.of(Tag.ATTESTATION_TYPE));
        ProtocolVersion version = ProtocolVersion.fromTtlv(f.required(Tag.PROTOCOL_VERSION, Structure.class));
        Optional<Integer> maximumResponseSize = f.integer(Tag.MAXIMUM_RESPONSE_SIZE);
        if (maximumResponseSize.isPresent() && maximumResponseSize.get() <= 0) {
            throw new KmipMessageException(ResultReason.INVALID_FIELD, "Maximum Response Size must be positive");
        }
        Optional<Ttlv> asynchronousIndicator = f.any(Tag.ASYNCHRONOUS_INDICATOR);
        if (asynchronousIndicator.isPresent()
                && !(asynchronousIndicator.get() instanceof Ttlv.BooleanItem || asynchronousIndicator.get() instanceof Ttlv.EnumerationItem)) {
            throw f.error("Asynchronous Indicator must be a Boolean (1.x) or an Enumeration (2.x)");
        }
        int batchCount = f.required(Tag.BATCH_COUNT, Ttlv.IntegerItem.class).value();
        if (batchCount < 1) {
            throw f.error("Batch Count must be at least 1: " + batchCount);
        }
        return new RequestHeader(version, maximumResponseSize, f.text(Tag.CLIENT_CORRELATION_VALUE), f.text(Tag.SERVER_CORRELATION_VALUE),
                asynchronousIndicator, f.struct(Tag.AUTHENTICATION),
                f.enumeration(Tag.BATCH_ERROR_CONTINUATION_OPTION, BatchErrorContinuationOption::fromCode),
                f.bool(Tag.BATCH_ORDER_OPTION), f.dateTime(Tag.TIME_STAMP), batchCount);
    }
}
