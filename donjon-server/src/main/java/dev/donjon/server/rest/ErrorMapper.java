package dev.donjon.server.rest;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.DomainException;

/** Domain failures in Barbican's words: the one place REST decides statuses and descriptions for them. */
final class ErrorMapper {
    private ErrorMapper() {
    }

    static ApiError toApiError(DomainException failure) {
        return switch (failure) {
            case DomainException.NotFound notFound -> switch (notFound.missing()) {
                case SECRET -> new ApiError(404, "Not Found. Provided secret id is invalid.");
                case SECRET_PAYLOAD -> new ApiError(404, "Not Found. Sorry but your secret has no payload.");
                case SECRET_METADATUM -> new ApiError(404, "Secret metadata not found.");
                case TOKEN -> new ApiError(404, "Token not found.");
                case CONTAINER -> new ApiError(404, "Secrets container not found.");
                case CONTAINER_SECRET -> new ApiError(404, "Secret not found in this container.");
                case REFERENCED_SECRET -> new ApiError(404, "Secret provided for '" + notFound.subject()
                        + "' doesn't exist.");
                case CONSUMER -> new ApiError(404, "Consumer not found.");
                case PROJECT_QUOTAS -> new ApiError(404, "Project quotas not found.");
                case ORDER -> new ApiError(404, "Order not found.");
                case SECRET_STORE -> new ApiError(404, "Not Found. Secret store not found.");
                case PREFERRED_SECRET_STORE ->
                        new ApiError(404, "Not Found. No preferred secret store defined for this project.");
                case CERTIFICATE_AUTHORITY -> new ApiError(404, "Certificate authority not found.");
                case ISSUED_CERTIFICATE -> new ApiError(404, "Certificate not issued by this CA.");
            };
            case DomainException.Forbidden forbidden
                    when forbidden.refusal() == DomainException.Forbidden.Refusal.NOT_CONSUMER_CREATOR ->
                    new ApiError(403, "Not Allowed. Sorry, only the creator of a consumer can delete it.");
            case DomainException.Forbidden forbidden -> new ApiError(403,
                    attempt(forbidden.action()) + " attempt not allowed - please review your user/project privileges");
            case DomainException.Conflict conflict -> switch (conflict.clash()) {
                case PAYLOAD_ALREADY_STORED -> new ApiError(409, "Secret already has data, cannot modify it.");
                case METADATUM_EXISTS -> new ApiError(409, "Conflict. Key in request is already in the secret metadata");
                case METADATUM_KEY_MISMATCH -> new ApiError(409, "Key in request data does not match key in the ");
                case CONTAINER_SECRET_EXISTS -> new ApiError(409, "Conflict. A secret with that name and ID is "
                        + "already stored in this container. The same secret can exist in a container as long as the "
                        + "name is unique.");
                case SECRET_HAS_CONSUMERS -> new ApiError(409, "Secret has consumers! Remove them first or use the "
                        + "force parameter to delete it.");
                case WRONG_STATE, OBJECT_DESTROYED ->
                        new ApiError(409, "The secret's lifecycle state does not allow this.");
                case USAGE_NOT_PERMITTED -> new ApiError(409, "The secret's usage mask does not allow this.");
                case NAME_TAKEN -> new ApiError(409, "Another secret of the project already has that name.");
            };
            // A Donjon extension: the reason, in the domain's words, with the status that fits it.
            case DomainException.LockboxRefused lockbox -> new ApiError(switch (lockbox.reason()) {
                case REPLAYED, STALE, DUPLICATE -> 409;
                case UNTRUSTED_ORIGIN, MISADDRESSED -> 403;
                case PEER_UNAUTHENTICATED -> 401;
                case NOT_CONFIGURED -> 404;
                case MALFORMED, UNSIGNED, TAMPERED, EXPIRED -> 400;
            }, "Lockbox refused: " + lockbox.getMessage());
            case DomainException.InvalidInput invalid -> new ApiError(400, invalid.getMessage());
            case DomainException.Refused refused -> new ApiError(403, refused.getMessage());
            case DomainException.CryptographicFailure crypto -> new ApiError(400, crypto.getMessage());
            case DomainException.PayloadTooLarge tooLarge ->
                    new ApiError(413, "Provided information too large to process");
            case DomainException.QuotaExceeded exceeded -> new ApiError(403, switch (exceeded.resource()) {
                case SECRETS -> "Secret creation";
                case ORDERS -> "Order creation";
                case CONTAINERS -> "Container creation";
                case CONSUMERS -> "Consumer creation";
                case CAS -> "Certificate authority creation";
            } + " issue seen - Creation not allowed because a quota has been reached.");
            case DomainException.Integrity integrity -> integrity.keyUnavailable()
                    ? new ApiError(503, "The project's key cannot be unwrapped - please contact site administrator.")
                    : new ApiError(500, "Secret retrieval failure seen - please contact site administrator.");
            case DomainException.Unavailable unavailable -> new ApiError(503, unavailable.getMessage());
            // Barbican has no such rule: the refusal KMIP gives for a key its creator protected there.
            case DomainException.Withheld withheld -> new ApiError(403, switch (withheld.refusal()) {
                case NOT_EXTRACTABLE -> "The secret is not extractable: its key material never leaves the server.";
                case SENSITIVE -> "The secret is sensitive: its key material is only served wrapped, which the "
                        + "Barbican API cannot do.";
            });
        };
    }

    private static String attempt(Action action) {
        return switch (action) {
            case SECRET_CREATE -> "Secret creation";
            case SECRET_LIST -> "Secret(s) retrieval";
            case SECRET_READ -> "Secret retrieval";
            case SECRET_READ_PAYLOAD -> "Secret payload retrieval";
            case SECRET_UPLOAD_PAYLOAD -> "Secret update";
            case SECRET_DELETE -> "Secret deletion";
            case SECRET_METADATA_READ -> "Secret metadata retrieval";
            case SECRET_METADATA_WRITE -> "Secret metadata update";
            case SECRET_CONSUMER_LIST -> "SecretConsumers(s) retrieval";
            case SECRET_CONSUMER_CREATE -> "SecretConsumer creation";
            case SECRET_CONSUMER_DELETE -> "SecretConsumer deletion";
            case CONTAINER_CREATE -> "Container creation";
            case CONTAINER_LIST -> "Containers(s) retrieval";
            case CONTAINER_READ -> "Container retrieval";
            case CONTAINER_DELETE -> "Container deletion";
            case CONTAINER_SECRET_ADD -> "Container Secret creation";
            case CONTAINER_SECRET_REMOVE -> "Container Secret deletion";
            case CONTAINER_CONSUMER_LIST -> "ContainerConsumers(s) retrieval";
            case CONTAINER_CONSUMER_CREATE -> "ContainerConsumer creation";
            case CONTAINER_CONSUMER_DELETE -> "ContainerConsumer deletion";
            case QUOTA_READ -> "Quotas";
            case PROJECT_QUOTA_READ, PROJECT_QUOTA_WRITE -> "Project Quotas";
            case ORDER_CREATE -> "Order creation";
            case ORDER_LIST -> "Order(s) retrieval";
            case ORDER_READ -> "Order retrieval";
            case ORDER_DELETE -> "Order deletion";
            case ORDER_APPROVE -> "Order approval";
            case CA_LIST -> "Certificate authorities retrieval";
            case CA_READ -> "Certificate authority retrieval";
            case CA_CREATE -> "Sub CA creation";
            case CA_IMPORT -> "Certificate authority import";
            case CA_MANAGE -> "Certificate authority update";
            case CA_PREFERRED_SET -> "Setting preferred CA";
            case CERTIFICATE_REVOKE -> "Certificate revocation";
            case SECRET_ACL_READ -> "SecretACL(s) retrieval";
            case SECRET_ACL_WRITE -> "SecretACL(s) Update";
            case CONTAINER_ACL_READ -> "ContainerACL(s) retrieval";
            case CONTAINER_ACL_WRITE -> "ContainerACL(s) Update";
            case SECRET_STORE_READ -> "Secret store(s) retrieval";
            case PREFERRED_STORE_SET -> "Setting preferred secret store";
            case PREFERRED_STORE_REMOVE -> "Removing preferred secret store";
            case TRANSPORT_KEY_LIST -> "Transport Key(s) retrieval";
            case SECRET_ACTIVATE -> "Secret activation";
            case SECRET_REVOKE -> "Secret revocation";
            case SECRET_USE -> "Secret use";
            case PROJECT_KEK_CREATE -> "Project key creation";
            case MASTER_KEY_ROTATE -> "Master key rotation";
            case MASTER_KEY_REWRAP -> "Project key re-wrap";
            case MASTER_KEY_RETIRE -> "Master key retirement";
            case PROJECT_KEK_ROTATE -> "Project key rotation";
            case PROJECT_KEK_REENCRYPT -> "Payload re-encryption";
            case PROJECT_KEK_RETIRE -> "Project key retirement";
            case BACKUP -> "Backup";
            case RESTORE -> "Restore";
            case TOKEN_CREATE -> "Token creation";
            case TOKEN_REVOKE -> "Token revocation";
            case AUTHENTICATE -> "Authentication";
            case SECRET_EXPIRE -> "Secret expiration";
            case LIFECYCLE_STATE_CHANGE -> "Lifecycle state change";
            case OBJECT_PURGE -> "Object purge";
            case TRANSFER_SUMMARY -> "Transfer summary";
            case AUDIT_READ -> "Audit event(s) retrieval";
        };
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
