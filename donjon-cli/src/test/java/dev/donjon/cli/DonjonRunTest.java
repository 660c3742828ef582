package dev.donjon.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How the tests run {@code donjon}: picocli's output and the commands' own captured, the streams put back. */
class DonjonRunTest {

    @Test
    void picocliHelpIsCapturedOnStdoutAndTheStreamsAreRestored() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        DonjonRun.Result help = DonjonRun.run("--help");
        assertThat(System.out).isSameAs(out);
        assertThat(System.err).isSameAs(err);
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: donjon");
        assertThat(help.err()).isEmpty();
        assertThat(help.command()).isEqualTo("--help");
    }

    @Test
    void aUsageErrorIsCapturedOnStderrAndAWrongStatusNamesTheCommandAndItsOutput() {
        DonjonRun.Result typo = DonjonRun.run("secert", "list");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("Unmatched argument").contains("secert");
        assertThat(typo.out()).isEmpty();

        AssertionError wrong = catchThrowableOfType(AssertionError.class, () -> typo.expect(0));
        assertThat(wrong).hasMessageContaining("secert list -> ").hasMessageContaining("Unmatched argument");
        assertThat(typo.expect(2)).isSameAs(typo);
    }

    @Test
    void aCommandsFailureIsItsOneLineOnStderr() {
        DonjonRun.Result failed = DonjonRun.run("audit", "verify", "--file", "/nonexistent/trail.jsonl");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).startsWith("donjon: ").hasLineCount(1);
    }
}
