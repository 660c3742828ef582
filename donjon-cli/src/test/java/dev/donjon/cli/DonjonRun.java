package dev.donjon.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the {@code donjon} command in the test JVM ({@link Donjon#run}) with {@code System.out} and {@code System.err}
 * captured, and puts the original streams back afterwards whatever happened. The commands print to
 * {@code System.out}/{@code System.err} directly, and picocli's own writers (help, usage errors, the one-line failure)
 * are made from them on first use inside each run, so the capture sees all of it.
 *
 * <p>Both streams are process-wide: runs through this class take turns (the method is synchronized), and anything
 * another thread prints while a run is in progress (a server under test logging to stderr, say) lands in that run's
 * capture. A {@code Donjon.run} on another thread that must overlap a captured one should not come through here.
 */
final class DonjonRun {
    private DonjonRun() {
    }

    /** What one run returned and printed. */
    record Result(String command, int exit, String out, String err) {
        /** Asserts the exit status, naming the command and all it printed when it differs; returns this result. */
        Result expect(int status) {
            assertThat(exit).as("%s -> %s%s", command, out, err).isEqualTo(status);
            return this;
        }
    }

    /** Runs {@code donjon args...} and returns its exit status with what it printed on stdout and stderr. */
    static synchronized Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Donjon.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Result(String.join(" ", args), exit, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }
}
