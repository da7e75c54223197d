package io.kpipulse.ingest;

/**
 * Reads the event time from single-object encoded bytes without decoding the event, so the source can
 * assign timestamps and watermarks cheaply. The {@code EventHeader} is the first field of every event:
 * tenantId (string), eventId (string), eventTime (long), each in Avro's binary encoding.
 */
public final class HeaderPeek {

    private static final int PREFIX = 10; // 0xC3 0x01 + 8-byte fingerprint

    private HeaderPeek() {}

    /** The header's eventTime in epoch millis, or {@code fallback} if the bytes are not readable. */
    public static long eventTime(byte[] bytes, long fallback) {
        if (bytes == null || bytes.length < PREFIX + 3 || (bytes[0] & 0xFF) != 0xC3 || bytes[1] != 0x01) {
            return fallback;
        }
        int[] pos = {PREFIX};
        for (int field = 0; field < 2; field++) {
            long length = readLong(bytes, pos);
            if (length < 0 || pos[0] + length > bytes.length) {
                return fallback;
            }
            pos[0] += (int) length;
        }
        long time = readLong(bytes, pos);
        return pos[0] < 0 ? fallback : time;
    }

    /** Avro zig-zag varint; sets pos[0] to -1 on malformed input. */
    private static long readLong(byte[] bytes, int[] pos) {
        long raw = 0;
        int shift = 0;
        while (pos[0] >= 0 && pos[0] < bytes.length && shift < 64) {
            int b = bytes[pos[0]++] & 0xFF;
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
            shift += 7;
        }
        pos[0] = -1;
        return -1;
    }
}
