package dev.donjon.server.domain.access;

/** How a principal proved who it is; recorded in audit events. */
public enum AuthMethod {
    API_TOKEN,
    TRUSTED_HEADERS,
    CLIENT_CERTIFICATE,
    KEYSTONE,
    JWT,
    LOCAL_ADMIN,
    /** A caller of a peer server in proxy mode, asserted by that peer's signature (docs/replication.md). */
    PROXIED,
    /** A peer server's signed report, sent by that server itself (an edge's usage and compromises, docs/replication.md). */
    PEER_REPORT,
    /** Nobody: a scheduled job of the server itself (domain.job). */
    SCHEDULED_JOB
}
