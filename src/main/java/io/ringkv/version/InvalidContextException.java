package io.ringkv.version;

/**
 * A causal context sent by a client could not be read: not base64url, truncated, altered, of an
 * unknown format or not a ringkv context at all. Checked, because client input is expected to be
 * wrong sometimes; the APIs answer 400 / INVALID_ARGUMENT with {@link #getMessage()}.
 */
public class InvalidContextException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidContextException(String message) {
        super(message);
    }

    public InvalidContextException(String message, Throwable cause) {
        super(message, cause);
    }
}
