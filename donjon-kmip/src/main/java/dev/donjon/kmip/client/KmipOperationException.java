package dev.donjon.kmip.client;

import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;

/**
 * The server answered a batch item with something other than Success. The connection is still
 * usable; the reason says what went wrong (Item Not Found, Permission Denied...).
 */
public final class KmipOperationException extends Exception {

    private final ResultStatus status;
    private final ResultReason reason;

    public KmipOperationException(ResultReason reason, String message) {
        this(ResultStatus.OPERATION_FAILED, reason, message);
    }

    /** For a Pending or Undone item, which carries no reason, {@code reason} is General Failure. */
    public KmipOperationException(ResultStatus status, ResultReason reason, String message) {
        super(reason.specName() + ": " + message);
        this.status = status;
        this.reason = reason;
    }

    public ResultStatus status() {
        return status;
    }

    public ResultReason reason() {
        return reason;
    }
}
