package io.ringkv.version;

/**
 * A stored or peer-sent sibling set could not be decoded. Unchecked: these bytes are ringkv's own,
 * so failing to read them is a fault (a damaged file, a bug, a foreign peer), not a client error.
 */
public class CorruptVersionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CorruptVersionException(String message) {
        super(message);
    }

    public CorruptVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
