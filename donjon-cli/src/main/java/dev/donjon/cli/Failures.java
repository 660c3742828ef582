package dev.donjon.cli;

import dev.donjon.server.config.ConfigException;
import dev.donjon.server.domain.DomainException;

import java.io.UncheckedIOException;
import java.net.BindException;

/** Turns a start-up or command failure into the one line an operator reads, instead of a stack trace. */
final class Failures {
    private Failures() {
    }

    static String oneLine(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return "cannot listen: " + bind.getMessage() + " (is another server using the port?)";
            }
            if (t instanceof ConfigException || t instanceof DomainException) {
                return t.getMessage();
            }
        }
        if (failure instanceof UncheckedIOException io && io.getCause() != null) {
            return io.getCause().getMessage();
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
