package dev.donjon.server.rest;

/**
 * A request the REST edge refuses, with the status and the description Barbican's error JSON carries.
 * {@code description} may be {@code null} (Barbican sends a JSON null for some 406s).
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String description;

    public ApiError(int status, String description) {
        super(description, null, false, false);
        this.status = status;
        this.description = description;
    }

    public int status() {
        return status;
    }

    public String description() {
        return description;
    }

    static ApiError schema(String schema, String detail, String property) {
        return new ApiError(400, "Provided object does not match schema '" + schema + "': " + detail
                + ". Invalid property: '" + property + "'");
    }

    static ApiError notFound(String description) {
        return new ApiError(404, description);
    }
}
