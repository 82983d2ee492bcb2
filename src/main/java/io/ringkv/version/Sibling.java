package io.ringkv.version;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One write kept for a key: its {@link Dot}, the causal context the client sent with it, and the
 * value. A tombstone (a delete) is a sibling with {@code deleted} set and an empty value; it
 * carries a clock like any write so that a delete can win over, or stand beside, other writes.
 *
 * <p>Immutable: the value array is copied on the way in and on the way out; {@link #valueBuffer()}
 * gives a read-only view without copying.
 *
 * @param dot the write's name: its coordinator and that coordinator's counter for the key
 * @param context the version vector the client read before writing (empty for a blind write)
 * @param timestampMillis when the coordinator took the write (epoch millis), for LWW and purging
 */
public record Sibling(Dot dot, VersionVector context, byte[] value, String contentType, boolean deleted,
        long timestampMillis) {

    private static final byte[] NO_VALUE = new byte[0];

    public Sibling {
        Objects.requireNonNull(dot, "dot");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(contentType, "contentType");
        if (deleted && value.length > 0) {
            throw new IllegalArgumentException("a tombstone has an empty value, got " + value.length + " bytes");
        }
        if (timestampMillis < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0, was " + timestampMillis);
        }
        value = value.length == 0 ? NO_VALUE : value.clone();
    }

    /** A delete marker named {@code dot}. */
    public static Sibling tombstone(Dot dot, VersionVector context, String contentType, long timestampMillis) {
        return new Sibling(dot, context, NO_VALUE, contentType, true, timestampMillis);
    }

    /** The write's full causal history: what its client had seen, plus the write itself. */
    public VersionVector clock() {
        return context.with(dot, timestampMillis);
    }

    /** A copy of the value. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The value as a read-only buffer, without copying. */
    public ByteBuffer valueBuffer() {
        return ByteBuffer.wrap(value).asReadOnlyBuffer();
    }

    public int valueLength() {
        return value.length;
    }

    /** Whether this write is obsolete given {@code history}, i.e. {@code history} has seen it. */
    boolean isCoveredBy(VersionVector history) {
        return history.covers(dot);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sibling other
                && dot.equals(other.dot)
                && context.equals(other.context)
                && Arrays.equals(value, other.value)
                && contentType.equals(other.contentType)
                && deleted == other.deleted
                && timestampMillis == other.timestampMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dot, context, Arrays.hashCode(value), contentType, deleted, timestampMillis);
    }

    @Override
    public String toString() {
        return (deleted ? "tombstone" : "sibling") + dot + " context=" + context + " " + value.length + " bytes "
                + contentType + " @" + timestampMillis;
    }
}
