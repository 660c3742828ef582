package dev.donjon.server.observe;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.donjon.server.config.LoggingConfig;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;

/**
 * Applies {@code logging.*} to the process's Logback: the format of the lines on standard error, the root level and
 * levels per logger, the access log on or off. Lines are written by one background thread through a bounded queue,
 * so a request thread never waits on the terminal or journald for its access line; when the queue is full it waits
 * rather than drop a line, and {@link #flush()} drains it at shutdown.
 *
 * <p>An operator who passes {@code -Dlogback.configurationFile} keeps full control: the file governs and
 * {@code logging.*} is not applied.
 */
public final class ProcessLogging {
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{24} %msg%n";
    private static final int QUEUE = 8192;

    private ProcessLogging() {
    }

    /** @return false when an operator's Logback file governs and nothing was changed */
    public static boolean apply(LoggingConfig config) {
        if (System.getProperty("logback.configurationFile") != null) {
            return false;
        }
        apply(config, System.err);
        return true;
    }

    /** The same, writing to {@code out} (tests read the lines). */
    static void apply(LoggingConfig config, OutputStream out) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Encoder<ILoggingEvent> encoder = switch (config.format()) {
            case TEXT -> {
                PatternLayoutEncoder pattern = new PatternLayoutEncoder();
                pattern.setPattern(TEXT_PATTERN);
                yield pattern;
            }
            case JSON -> {
                JsonLineLayout layout = new JsonLineLayout();
                layout.setContext(context);
                layout.start();
                LayoutWrappingEncoder<ILoggingEvent> wrapping = new LayoutWrappingEncoder<>();
                wrapping.setLayout(layout);
                yield wrapping;
            }
        };
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> stream = new OutputStreamAppender<>();
        stream.setContext(context);
        stream.setName("donjon-stderr");
        stream.setEncoder(encoder);
        stream.setOutputStream(out);
        stream.start();
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("donjon-async");
        async.setQueueSize(QUEUE);
        async.setDiscardingThreshold(0);   // keep INFO lines (the access log) when the queue fills
        async.setNeverBlock(false);
        async.addAppender(stream);
        async.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(async);
        root.setLevel(Level.toLevel(config.level()));
        config.levels().forEach((name, level) -> context.getLogger(name).setLevel(Level.toLevel(level)));
        if (!config.accessLog()) {
            context.getLogger(AccessLog.LOGGER).setLevel(Level.OFF);
        }
    }

    /** Writes out the lines still queued (at shutdown). */
    public static void flush() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender("donjon-async") instanceof AsyncAppender async) {
            async.stop();   // drains the queue, waiting up to its flush time
        }
    }
}
