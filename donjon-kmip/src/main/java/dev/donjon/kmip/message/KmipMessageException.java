package dev.donjon.kmip.message;

import dev.donjon.kmip.enums.ResultReason;
import java.util.Optional;

/**
 * A TTLV tree that is not a valid KMIP message or payload. It carries the Result Reason a server
 * answers with and, for requests, the header if it could be read: with a header the server can
 * answer in the client's protocol version and echo its correlation value; without one it answers
 * Invalid Message in its own version (or closes the connection).
 */
public final class KmipMessageException extends Exception {

    private final ResultReason reason;
    private final boolean headerRead;
    private final transient Optional<RequestHeader> requestHeader;

    public KmipMessageException(ResultReason reason, String message) {
        this(reason, message, false, Optional.empty());
    }

    private KmipMessageException(ResultReason reason, String message, boolean headerRead, Optional<RequestHeader> requestHeader) {
        super(message);
        this.reason = reason;
        this.headerRead = headerRead;
        this.requestHeader = requestHeader;
    }

    /** The same failure, found after the message header was read. */
    KmipMessageException afterHeader(Optional<RequestHeader> header) {
        KmipMessageException e = new KmipMessageException(reason, getMessage(), true, header);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The Result Reason to answer with. */
    public ResultReason reason() {
        return reason;
    }

    /** True if the message header was read; the failure lies in a batch item or a count. */
    public boolean headerRead() {
        return headerRead;
    }

    /** The request header, when the failure is in a request (not a response) whose header was read. */
    public Optional<RequestHeader> requestHeader() {
        return requestHeader;
    }
}
