package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Log (KMIP 2.1 §6.1.29): the client's message goes into the server log, cleaned and bounded. */
final class Log implements KmipOperation<RequestPayload.Log, ResponsePayload.Log> {
    private static final Logger LOG = LoggerFactory.getLogger(Log.class);
    /** Longer messages are cut, so that a client cannot fill the log. */
    private static final int MAX_LOGGED_CHARACTERS = 1000;

    @Override
    public Class<RequestPayload.Log> requestType() {
        return RequestPayload.Log.class;
    }

    @Override
    public ResponsePayload.Log serve(OperationContext context, RequestPayload.Log request) {
        String clean = ClientText.printable(request.message());
        LOG.info("KMIP client log from {}: {}", context.call().principal().userId(),
                clean.length() > MAX_LOGGED_CHARACTERS ? clean.substring(0, MAX_LOGGED_CHARACTERS) + "..." : clean);
        return new ResponsePayload.Log();
    }
}
