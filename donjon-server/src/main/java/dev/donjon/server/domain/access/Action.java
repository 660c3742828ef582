package dev.donjon.server.domain.access;

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
    SECRET_CONSUMER_LIST,
    SECRET_CONSUMER_CREATE,
    SECRET_CONSUMER_DELETE,
    CONTAINER_CREATE,
    CONTAINER_LIST,
    CONTAINER_READ,
    CONTAINER_DELETE,
    CONTAINER_SECRET_ADD,
    CONTAINER_SECRET_REMOVE,
    CONTAINER_CONSUMER_LIST,
    CONTAINER_CONSUMER_CREATE,
    CONTAINER_CONSUMER_DELETE,
    QUOTA_READ,
    PROJECT_QUOTA_READ,
    PROJECT_QUOTA_WRITE,
    ORDER_CREATE,
    ORDER_LIST,
    ORDER_READ,
    ORDER_DELETE,
    ORDER_APPROVE,
    CA_LIST,
    CA_READ,
    CA_CREATE,
    CA_IMPORT,
    CA_MANAGE,
    CA_PREFERRED_SET,
    CERTIFICATE_REVOKE,
    SECRET_ACL_READ,
    SECRET_ACL_WRITE,
    CONTAINER_ACL_READ,
    CONTAINER_ACL_WRITE,
    SECRET_STORE_READ,
    PREFERRED_STORE_SET,
    PREFERRED_STORE_REMOVE,
    TRANSPORT_KEY_LIST,
    SECRET_ACTIVATE,
    SECRET_REVOKE,
    SECRET_USE,
    PROJECT_KEK_CREATE,
    /** A new master key version, its KEK re-wrap job's steps, and the retirement of an old version. */
    MASTER_KEY_ROTATE,
    MASTER_KEY_REWRAP,
    MASTER_KEY_RETIRE,
    /** A project's new KEK version, the re-encryption of its payloads under it, and its older versions' retirement. */
    PROJECT_KEK_ROTATE,
    PROJECT_KEK_REENCRYPT,
    PROJECT_KEK_RETIRE,
    /** An online backup taken, and a restore into an empty node. */
    BACKUP,
    RESTORE,
    TOKEN_CREATE,
    TOKEN_REVOKE,
    AUTHENTICATE,
    /** A lifecycle job: an expired secret deleted (as {@code barbican-manage db clean --soft-delete-expired-secrets}). */
    SECRET_EXPIRE,
    /** A lifecycle job: an object's Activation or Deactivation Date reached, its new state written. */
    LIFECYCLE_STATE_CHANGE,
    /** A lifecycle job: a destroyed object's metadata purged after the retention period. */
    OBJECT_PURGE,
    /**
     * A bulk transfer's summary (a merge or partition move: batch, peer, counts per outcome), recorded at its source
     * and its destination by the client that ran it; authorised as the transfer's own reads or writes there.
     */
    TRANSFER_SUMMARY,
    AUDIT_READ
}
