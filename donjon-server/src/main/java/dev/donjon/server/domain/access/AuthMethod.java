package dev.donjon.server.domain.access;

/** How a principal proved who it is; recorded in audit events. */
public enum AuthMethod {
    API_TOKEN,
    TRUSTED_HEADERS,
    CLIENT_CERTIFICATE,
    KEYSTONE,
    JWT,
    LOCAL_ADMIN,
    /** Nobody: a scheduled job of the server itself (domain.job). */
    SCHEDULED_JOB
}
