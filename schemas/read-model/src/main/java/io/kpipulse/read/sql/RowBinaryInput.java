package io.kpipulse.read.sql;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Decodes ClickHouse's RowBinary encoding (little-endian fixed-width numbers, strings as a LEB128 length and
 * UTF-8 bytes, a leading 0/1 byte for Nullable) for the few types {@link RowBinaryQuery}'s readers need. Keeps
 * its own buffer: a byte at a time through {@code BufferedInputStream} pays a lock per byte, and a freeze reads
 * hundreds of millions of them.
 */
public final class RowBinaryInput {

    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;

    RowBinaryInput(InputStream in, int bufferBytes) {
        this.in = in;
        this.buffer = new byte[bufferBytes];
    }

    /** Whether another row follows (the stream is at a row boundary). */
    public boolean hasRow() throws IOException {
        return position < limit || refill();
    }

    public long varUInt() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = next();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed LEB128 length");
    }

    public String string() throws IOException {
        int length = (int) varUInt();
        if (limit - position >= length) {
            String s = new String(buffer, position, length, StandardCharsets.UTF_8);
            position += length;
            return s;
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) next();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A {@code Nullable(String)}: null, or the string. */
    public String nullableString() throws IOException {
        return next() != 0 ? null : string();
    }

    public long uint64() throws IOException {
        return int64();
    }

    /** An {@code Int64}, e.g. {@code toUnixTimestamp64Milli} of a {@code DateTime64}. */
    public long int64Value() throws IOException {
        return int64();
    }

    /** A {@code Date}: a little-endian {@code UInt16} of days since 1970-01-01. */
    public int epochDay() throws IOException {
        return next() | (next() << 8);
    }

    /** A {@code Nullable(Decimal(38, scale))}: null, or the 128-bit unscaled value at {@code scale}. */
    public BigDecimal nullableDecimal128(int scale) throws IOException {
        if (next() != 0) {
            return null;
        }
        long low = int64();
        long high = int64();
        if (high == (low >> 63)) {
            // Fits a long: the common case, without a BigInteger.
            return BigDecimal.valueOf(low, scale);
        }
        byte[] bigEndian = new byte[16];
        for (int i = 0; i < 8; i++) {
            bigEndian[i] = (byte) (high >>> (56 - 8 * i));
            bigEndian[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return new BigDecimal(new BigInteger(bigEndian), scale);
    }

    /**
     * A {@code Nullable(Decimal(38, scale))} without a BigDecimal: false for null, else true with the 128-bit
     * unscaled value's low and high halves in {@code lowHigh[0]} and {@code lowHigh[1]}.
     */
    public boolean nullableInt128(long[] lowHigh) throws IOException {
        if (next() != 0) {
            return false;
        }
        lowHigh[0] = int64();
        lowHigh[1] = int64();
        return true;
    }

    private long int64() throws IOException {
        if (limit - position >= 8) {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value |= (buffer[position + i] & 0xffL) << (8 * i);
            }
            position += 8;
            return value;
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (long) next() << (8 * i);
        }
        return value;
    }

    private int next() throws IOException {
        if (position == limit && !refill()) {
            throw new EOFException("ClickHouse's answer ended inside a row");
        }
        return buffer[position++] & 0xff;
    }

    private boolean refill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = in.read(buffer, 0, buffer.length);
        }
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }
}
