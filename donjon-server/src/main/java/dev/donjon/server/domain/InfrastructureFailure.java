package dev.donjon.server.domain;

/**
 * A failure of what the service runs on (the database: disk full, I/O error, a damaged file, unreachable), as opposed
 * to a fault of the request. Its {@link #diagnosis()} names the cause for the operator's log and never quotes stored
 * values; the client only learns that the service failed.
 */
public interface InfrastructureFailure {
    String diagnosis();
}
