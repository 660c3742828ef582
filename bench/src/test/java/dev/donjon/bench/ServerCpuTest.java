package dev.donjon.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class ServerCpuTest {
    @Test
    void countsTheCpuTimeAProcessSpendsDuringTheWindow() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread busy = Thread.ofPlatform().start(() -> {
            long spin = 0;
            while (!stop.get()) {
                spin++;
            }
            assertThat(spin).isPositive();
        });
        try {
            long start = System.nanoTime();
            Optional<ServerCpu> cpu = ServerCpu.over(ProcessHandle.current().pid(), start,
                    start + Duration.ofMillis(300).toNanos());
            assertThat(cpu).hasValueSatisfying(used -> assertThat(used.used()).isPositive());
        } finally {
            stop.set(true);
            busy.join();
        }
    }

    @Test
    void aProcessThatIsNotThereReportsNothing() {
        long start = System.nanoTime();
        assertThat(ServerCpu.over(Integer.MAX_VALUE, start, start)).isEmpty();
    }
}
