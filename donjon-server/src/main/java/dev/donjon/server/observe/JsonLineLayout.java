package dev.donjon.server.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.slf4j.event.KeyValuePair;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * One JSON object per log line ({@code logging.format: json}): {@code ts}, {@code level}, {@code logger},
 * {@code thread}, then either the event's key-value pairs as fields (the access log's request id, route, status...)
 * or its {@code message}, and {@code exception} with the stack trace when there is one. An event that carries
 * key-value pairs renders them in its message for text logs, so the message would only repeat them here.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            if (pairs == null || pairs.isEmpty()) {
                json.writeStringField("message", event.getFormattedMessage());
            } else {
                for (KeyValuePair pair : pairs) {
                    json.writeFieldName(pair.key);
                    switch (pair.value) {
                        case Long number -> json.writeNumber(number);
                        case Integer number -> json.writeNumber(number);
                        case Double number -> json.writeNumber(number);
                        case Boolean flag -> json.writeBoolean(flag);
                        case null -> json.writeNull();
                        default -> json.writeString(pair.value.toString());
                    }
                }
            }
            if (event.getThrowableProxy() != null) {
                json.writeStringField("exception", ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a StringWriter does not fail
        }
        return line.append('\n').toString();
    }
}
