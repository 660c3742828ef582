package dev.donjon.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The CPU time (user + system, every thread) a server process on this machine used during a measured window, read
 * from the operating system ({@code /proc/PID/stat} on Linux). On a machine shared with other work, throughput and
 * latency move with the neighbours' load, while CPU time per operation says what one operation costs the server.
 *
 * @param used the CPU time between the start and the end of the window
 */
record ServerCpu(Duration used) {

    /**
     * Blocks until {@code endNanos} ({@link System#nanoTime()} scale), sampling the process at {@code startNanos} and
     * at the end; empty if the process is not there or the system does not report its CPU time.
     */
    static Optional<ServerCpu> over(long pid, long startNanos, long endNanos) {
        sleepUntil(startNanos);
        Optional<Duration> atStart = cpu(pid);
        sleepUntil(endNanos);
        Optional<Duration> atEnd = cpu(pid);
        return atStart.flatMap(start -> atEnd.map(end -> new ServerCpu(end.minus(start))));
    }

    private static Optional<Duration> cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration());
    }

    private static void sleepUntil(long nanos) {
        for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
