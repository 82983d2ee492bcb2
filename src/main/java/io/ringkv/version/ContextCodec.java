package io.ringkv.version;

import java.util.Base64;

/**
 * The opaque causal context a client gets with every read and sends back with its next write.
 *
 * <p>Binary form: a format version byte (1), the vector (entry count, newest entry timestamp, then
 * per entry: actor as UTF-8, counter, and age in ms relative to that newest timestamp), and a
 * CRC32C of all that. gRPC carries these bytes; HTTP carries the same bytes as unpadded base64url
 * in {@code X-Ringkv-Context}, so a context read over one API can be written over the other. The
 * empty context is zero bytes (the empty string), so a blind write needs no header.
 *
 * <p>Entry timestamps travel with the context so that a coordinator can still prune oldest-first
 * ({@link ClockPruning}) after a client round trip. The checksum makes a truncated, altered or
 * foreign context fail loudly instead of being read as a different history, which could discard
 * writes the client never saw. It is an integrity check, not an authenticator.
 */
public final class ContextCodec {

    static final int FORMAT_VERSION = 1;

    /** A context larger than this is refused before it is read: a real one holds a few actors. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
    private static final byte[] EMPTY = new byte[0];

    private ContextCodec() {
    }

    public static byte[] toBytes(VersionVector context) {
        if (context.isEmpty()) {
            return EMPTY;
        }
        long base = context.newestTimestamp();
        WireWriter out = new WireWriter(FORMAT_VERSION, 16 + 16 * context.size());
        out.writeVarLong(base);
        out.writeVector(context, ActorNaming.INLINE, base);
        return out.toChecksummedBytes();
    }

    /**
     * The context in {@code bytes}; null or empty bytes are the empty context.
     *
     * @throws InvalidContextException with a message for the client, starting "invalid context: "
     */
    public static VersionVector fromBytes(byte[] bytes) throws InvalidContextException {
        if (bytes == null || bytes.length == 0) {
            return VersionVector.empty();
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidContextException(
                    "invalid context: size of " + bytes.length + " bytes exceeds the limit of " + MAX_BYTES);
        }
        try {
            WireReader in = WireReader.openChecksummed(bytes, FORMAT_VERSION, "context");
            long base = in.readVarLong();
            VersionVector context = in.readVector(ActorNaming.INLINE, base);
            in.expectEnd();
            return context;
        } catch (MalformedBytes | IllegalArgumentException e) {
            throw new InvalidContextException("invalid context: " + e.getMessage(), e);
        }
    }

    /** The header form: unpadded base64url of {@link #toBytes}, "" for the empty context. */
    public static String toHeader(VersionVector context) {
        return BASE64URL.encodeToString(toBytes(context));
    }

    /** The context in a header value; null, empty or blank is the empty context. Padding is optional. */
    public static VersionVector fromHeader(String header) throws InvalidContextException {
        if (header == null || header.isBlank()) {
            return VersionVector.empty();
        }
        String text = header.strip();
        if (text.length() > (MAX_BYTES / 3 + 1) * 4) {
            throw new InvalidContextException("context header of " + text.length() + " characters is too long");
        }
        byte[] bytes;
        try {
            bytes = BASE64URL_DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidContextException("context is not base64url: " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new InvalidContextException("context header decodes to nothing");
        }
        return fromBytes(bytes);
    }
}
