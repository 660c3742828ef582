package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log (KMIP 2.1 §6.1.29): the client's message goes into the server log, cleaned and bounded. A Donjon extension: a
 * message {@code donjon-transfer-summary side=source|destination <summary>} is a bulk transfer's summary, which
 * {@code donjon merge} and {@code donjon partition move} write at both ends; it is recorded in the audit trail
 * ({@link KeyService#recordTransferSummary}), authorised as the transfer's part at this end.
 */
final class Log implements KmipOperation<RequestPayload.Log, ResponsePayload.Log> {
    private static final Logger LOG = LoggerFactory.getLogger(Log.class);
    /** Longer messages are cut, so that a client cannot fill the log. */
    private static final int MAX_LOGGED_CHARACTERS = 1000;
    /** How a transfer summary's message starts. */
    static final String TRANSFER_SUMMARY = "donjon-transfer-summary ";

    private final KeyService keys;

    Log(KeyService keys) {
        this.keys = keys;
    }

    @Override
    public Class<RequestPayload.Log> requestType() {
        return RequestPayload.Log.class;
    }

    @Override
    public ResponsePayload.Log serve(OperationContext context, RequestPayload.Log request) {
        String clean = ClientText.printable(request.message());
        if (clean.startsWith(TRANSFER_SUMMARY)) {
            String rest = clean.substring(TRANSFER_SUMMARY.length());
            boolean destination = rest.startsWith("side=destination ");
            if (!destination && !rest.startsWith("side=source ")) {
                throw KmipError.invalidField("a transfer summary is '" + TRANSFER_SUMMARY
                        + "side=source|destination SUMMARY'");
            }
            String summary = rest.substring(rest.indexOf(' ') + 1);
            keys.recordTransferSummary(context.call(), destination, summary.length() > MAX_LOGGED_CHARACTERS
                    ? summary.substring(0, MAX_LOGGED_CHARACTERS) + "..." : summary);
            return new ResponsePayload.Log();
        }
        LOG.info("KMIP client log from {}: {}", context.call().principal().userId(),
                clean.length() > MAX_LOGGED_CHARACTERS ? clean.substring(0, MAX_LOGGED_CHARACTERS) + "..." : clean);
        return new ResponsePayload.Log();
    }
}
