package io.ringkv.version;

import java.util.Arrays;
import java.util.function.Consumer;

/** Hand-made checksummed frames: the only way to reach a parser's checks past the CRC. */
final class Frames {

    private Frames() {
    }

    static byte[] checksummed(int formatVersion, Consumer<WireWriter> body) {
        WireWriter out = new WireWriter(formatVersion, 64);
        body.accept(out);
        return out.toChecksummedBytes();
    }

    /** Version byte and body as given, raw, with a fresh checksum. */
    static byte[] checksummedRaw(byte[] versionAndBody) {
        WireWriter out = new WireWriter(versionAndBody.length == 0 ? 0 : versionAndBody[0], versionAndBody.length);
        for (int i = 1; i < versionAndBody.length; i++) {
            out.writeByte(versionAndBody[i]);
        }
        return out.toChecksummedBytes();
    }

    /** {@code frame} with its checksum recomputed, e.g. after its body was altered. */
    static byte[] rechecksummed(byte[] frame) {
        return checksummedRaw(Arrays.copyOf(frame, frame.length - 4));
    }
}
