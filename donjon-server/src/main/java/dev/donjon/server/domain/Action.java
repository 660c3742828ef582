package dev.donjon.server.domain;

/** What a caller does to what: the unit of authorisation and of audit. */
public enum Action {
    SECRET_CREATE,
    SECRET_LIST,
    SECRET_READ,
    SECRET_READ_PAYLOAD,
    SECRET_UPLOAD_PAYLOAD,
    SECRET_DELETE,
    SECRET_METADATA_READ,
    SECRET_METADATA_WRITE,
    SECRET_ACTIVATE,
    SECRET_REVOKE,
    SECRET_USE,
    PROJECT_KEK_CREATE,
    TOKEN_CREATE,
    TOKEN_REVOKE,
    AUTHENTICATE
}
