package io.keras4j.layers.preprocessing;

import java.nio.charset.StandardCharsets;

/**
 * The string hashes TensorFlow's {@code tf.strings.to_hash_bucket_fast} (FarmHash's
 * {@code Fingerprint64}, the "na" variant) and {@code to_hash_bucket_strong} (SipHash-2-4 keyed by
 * two 64-bit integers) compute, which Keras's Hashing and lookup layers put strings into buckets
 * with. Implemented here from the published algorithms so that bucket numbers match Keras exactly
 * (the FarmHash reference test over lengths 0..3200 and Keras's docstring buckets check it).
 */
final class FarmHash {
    private static final long K0 = 0xc3a5c85c97cb3127L;
    private static final long K1 = 0xb492b66fbe98f273L;
    private static final long K2 = 0x9ae16a3b2f90404fL;

    private FarmHash() {}

    /** Fingerprint64 of a string's UTF-8 bytes, as TensorFlow hashes tf.string values. */
    static long fingerprint64(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return fingerprint64(b, 0, b.length);
    }

    /** The bucket {@code Fingerprint64 mod buckets}, the modulus taken unsigned as TF's uint64. */
    static long bucketFast(String s, long buckets) { return Long.remainderUnsigned(fingerprint64(s), buckets); }

    /** The bucket {@code SipHash-2-4(key) mod buckets}. */
    static long bucketStrong(String s, long k0, long k1, long buckets) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Long.remainderUnsigned(sipHash24(k0, k1, b), buckets);
    }

    static long fingerprint64(byte[] s, int off, int len) {
        if (len <= 32) return len <= 16 ? hashLen0to16(s, off, len) : hashLen17to32(s, off, len);
        if (len <= 64) return hashLen33to64(s, off, len);
        long seed = 81;
        long x = seed;
        long y = seed * K1 + 113;
        long z = shiftMix(y * K2 + 113) * K2;
        long v0 = 0, v1 = 0, w0 = 0, w1 = 0;
        x = x * K2 + fetch64(s, off);
        int end = off + ((len - 1) / 64) * 64;
        int last64 = end + ((len - 1) & 63) - 63;
        int p = off;
        do {
            x = Long.rotateRight(x + y + v0 + fetch64(s, p + 8), 37) * K1;
            y = Long.rotateRight(y + v1 + fetch64(s, p + 48), 42) * K1;
            x ^= w1;
            y += v0 + fetch64(s, p + 40);
            z = Long.rotateRight(z + w0, 33) * K1;
            long[] v = weakHashLen32WithSeeds(s, p, v1 * K1, x + w0);
            long[] w = weakHashLen32WithSeeds(s, p + 32, z + w1, y + fetch64(s, p + 16));
            v0 = v[0]; v1 = v[1]; w0 = w[0]; w1 = w[1];
            long t = z; z = x; x = t;
            p += 64;
        } while (p != end);
        long mul = K1 + ((z & 0xff) << 1);
        p = last64;
        w0 += ((len - 1) & 63);
        v0 += w0;
        w0 += v0;
        x = Long.rotateRight(x + y + v0 + fetch64(s, p + 8), 37) * mul;
        y = Long.rotateRight(y + v1 + fetch64(s, p + 48), 42) * mul;
        x ^= w1 * 9;
        y += v0 * 9 + fetch64(s, p + 40);
        z = Long.rotateRight(z + w0, 33) * mul;
        long[] v = weakHashLen32WithSeeds(s, p, v1 * mul, x + w0);
        long[] w = weakHashLen32WithSeeds(s, p + 32, z + w1, y + fetch64(s, p + 16));
        v0 = v[0]; v1 = v[1]; w0 = w[0]; w1 = w[1];
        long t = z; z = x; x = t;
        return hashLen16(hashLen16(v0, w0, mul) + shiftMix(y) * K0 + z, hashLen16(v1, w1, mul) + x, mul);
    }

    private static long hashLen0to16(byte[] s, int off, int len) {
        if (len >= 8) {
            long mul = K2 + len * 2L;
            long a = fetch64(s, off) + K2;
            long b = fetch64(s, off + len - 8);
            long c = Long.rotateRight(b, 37) * mul + a;
            long d = (Long.rotateRight(a, 25) + b) * mul;
            return hashLen16(c, d, mul);
        }
        if (len >= 4) {
            long mul = K2 + len * 2L;
            long a = fetch32(s, off);
            return hashLen16(len + (a << 3), fetch32(s, off + len - 4), mul);
        }
        if (len > 0) {
            int a = s[off] & 0xff, b = s[off + (len >> 1)] & 0xff, c = s[off + len - 1] & 0xff;
            int y = a + (b << 8);
            int z = len + (c << 2);
            // uint32 operands widened to uint64 before the products, as in the C++.
            return shiftMix((y & 0xffffffffL) * K2 ^ (z & 0xffffffffL) * K0) * K2;
        }
        return K2;
    }

    private static long hashLen17to32(byte[] s, int off, int len) {
        long mul = K2 + len * 2L;
        long a = fetch64(s, off) * K1;
        long b = fetch64(s, off + 8);
        long c = fetch64(s, off + len - 8) * mul;
        long d = fetch64(s, off + len - 16) * K2;
        return hashLen16(Long.rotateRight(a + b, 43) + Long.rotateRight(c, 30) + d, a + Long.rotateRight(b + K2, 18) + c, mul);
    }

    private static long hashLen33to64(byte[] s, int off, int len) {
        long mul = K2 + len * 2L;
        long a = fetch64(s, off) * K2;
        long b = fetch64(s, off + 8);
        long c = fetch64(s, off + len - 8) * mul;
        long d = fetch64(s, off + len - 16) * K2;
        long y = Long.rotateRight(a + b, 43) + Long.rotateRight(c, 30) + d;
        long z = hashLen16(y, a + Long.rotateRight(b + K2, 18) + c, mul);
        long e = fetch64(s, off + 16) * mul;
        long f = fetch64(s, off + 24);
        long g = (y + fetch64(s, off + len - 32)) * mul;
        long h = (z + fetch64(s, off + len - 24)) * mul;
        return hashLen16(Long.rotateRight(e + f, 43) + Long.rotateRight(g, 30) + h, e + Long.rotateRight(f + a, 18) + g, mul);
    }

    private static long[] weakHashLen32WithSeeds(byte[] s, int p, long a, long b) {
        long w = fetch64(s, p), x = fetch64(s, p + 8), y = fetch64(s, p + 16), z = fetch64(s, p + 24);
        a += w;
        b = Long.rotateRight(b + a + z, 21);
        long c = a;
        a += x;
        a += y;
        b += Long.rotateRight(a, 44);
        return new long[] {a + z, b + c};
    }

    private static long shiftMix(long v) { return v ^ (v >>> 47); }

    private static long hashLen16(long u, long v, long mul) {
        long a = (u ^ v) * mul;
        a ^= (a >>> 47);
        long b = (v ^ a) * mul;
        b ^= (b >>> 47);
        return b * mul;
    }

    private static long fetch64(byte[] s, int p) {
        long r = 0;
        for (int i = 7; i >= 0; i--) r = (r << 8) | (s[p + i] & 0xffL);
        return r;
    }

    private static long fetch32(byte[] s, int p) {
        long r = 0;
        for (int i = 3; i >= 0; i--) r = (r << 8) | (s[p + i] & 0xffL);
        return r;
    }

    /** SipHash-2-4 with the 128-bit key (k0, k1), as TensorFlow's StrongKeyedHash. */
    static long sipHash24(long k0, long k1, byte[] m) {
        long v0 = k0 ^ 0x736f6d6570736575L, v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L, v3 = k1 ^ 0x7465646279746573L;
        int n = m.length, blocks = n / 8;
        for (int i = 0; i < blocks; i++) {
            long mi = fetch64(m, i * 8);
            v3 ^= mi;
            for (int r = 0; r < 2; r++) { long[] v = round(v0, v1, v2, v3); v0 = v[0]; v1 = v[1]; v2 = v[2]; v3 = v[3]; }
            v0 ^= mi;
        }
        long last = ((long) n & 0xff) << 56;
        for (int i = n - 1; i >= blocks * 8; i--) last |= (m[i] & 0xffL) << (8 * (i - blocks * 8));
        v3 ^= last;
        for (int r = 0; r < 2; r++) { long[] v = round(v0, v1, v2, v3); v0 = v[0]; v1 = v[1]; v2 = v[2]; v3 = v[3]; }
        v0 ^= last;
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) { long[] v = round(v0, v1, v2, v3); v0 = v[0]; v1 = v[1]; v2 = v[2]; v3 = v[3]; }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static long[] round(long v0, long v1, long v2, long v3) {
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        return new long[] {v0, v1, v2, v3};
    }
}
