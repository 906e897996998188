package org.citycard.issuance.server;

/** The clearing server refused a request or could not be reached; the message says which and why. */
public final class ServerException extends RuntimeException {
    private final int status;

    public ServerException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ServerException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status, or -1 when the server was not reached. */
    public int status() {
        return status;
    }

    public boolean conflict() {
        return status == 409;
    }

    public boolean notFound() {
        return status == 404;
    }
}
