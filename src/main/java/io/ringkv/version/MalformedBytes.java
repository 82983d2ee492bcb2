package io.ringkv.version;

/**
 * Raised by {@link WireReader} on input it cannot read; each codec turns it into its own public
 * exception ({@link InvalidContextException}, {@link CorruptVersionException}).
 */
final class MalformedBytes extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedBytes(String message) {
        super(message, null, false, false); // no stack trace: this is flow control for bad input
    }
}
