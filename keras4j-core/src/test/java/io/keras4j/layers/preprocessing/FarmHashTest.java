package io.keras4j.layers.preprocessing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reference values of FarmHash's Fingerprint64 published with Guava's port (FarmHashFingerprint64Test). */
class FarmHashTest {
    @Test void knownFingerprints() {
        assertEquals(8581389452482819506L, FarmHash.fingerprint64("test"));
        assertEquals(-4196240717365766262L, FarmHash.fingerprint64("test".repeat(8)));   // 32 bytes
        assertEquals(3500507768004279527L, FarmHash.fingerprint64("test".repeat(64)));   // 256 bytes
        assertEquals(0x9ae16a3b2f90404fL, FarmHash.fingerprint64(""));
    }

    /** The reference implementation's checksum over buffers of every length up to 3200 bytes. */
    @Test void multipleLengthsMatchTheReferenceImplementation() {
        int iterations = 800;
        byte[] buf = new byte[iterations * 4];
        int len = 0;
        long h = 0;
        for (int i = 0; i < iterations; ++i) {
            h = remix(h ^ FarmHash.fingerprint64(buf, 0, i));
            buf[len++] = letter(h);
            h = remix(h ^ FarmHash.fingerprint64(buf, 0, i * i % len));
            buf[len++] = letter(h);
            h = remix(h ^ FarmHash.fingerprint64(buf, 0, i * i * i % len));
            buf[len++] = letter(h);
            h = remix(h ^ FarmHash.fingerprint64(buf, 0, len));
            buf[len++] = letter(h);
            int x0 = buf[len - 1] & 0xff, x1 = buf[len - 2] & 0xff, x2 = buf[len - 3] & 0xff, x3 = buf[len / 2] & 0xff;
            buf[((x0 << 16) + (x1 << 8) + x2) % len] ^= (byte) x3;
            buf[((x1 << 16) + (x2 << 8) + x3) % len] ^= (byte) (i % 256);
        }
        assertEquals(0x7a1d67c50ec7e167L, h);
    }

    /** SipHash-2-4's reference vector (the SipHash paper, appendix A): key 00..0f, message 00..0e. */
    @Test void sipHashReferenceVector() {
        byte[] m = new byte[15];
        for (int i = 0; i < m.length; i++) m[i] = (byte) i;
        long k0 = 0x0706050403020100L, k1 = 0x0f0e0d0c0b0a0908L;
        assertEquals(0xa129ca6149be45e5L, FarmHash.sipHash24(k0, k1, m));
    }

    private static long remix(long h) {
        h ^= h >>> 41;
        return h * 949921979;
    }

    private static byte letter(long h) { return (byte) ('a' + ((h & 0xfffff) % 26)); }
}
