package io.kpipulse.clickhouse.local;

import com.github.luben.zstd.ZstdInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * Decodes a request body by its {@code Content-Encoding}, as a ClickHouse server does, or refuses it.
 *
 * <p>A server that ignored the header would read compressed bytes as SQL or as rows: a {@code CREATE TABLE}
 * that silently never ran, an insert failing far from the cause. ClickHouse accepts gzip, deflate (zlib), br,
 * xz, zstd, lz4 (the LZ4 frame format), bz2 and snappy; here gzip, deflate, zstd and lz4 are decoded and the
 * others are refused with {@code NOT_IMPLEMENTED}, unknown names as ClickHouse refuses them.
 *
 * <p>The driver's own {@code decompress=1} (ClickHouse-native LZ4 blocks with CityHash checksums, not an HTTP
 * content encoding) is refused too: see {@link #rejectNativeCompression(Map)}.
 */
final class RequestBodies {
    private static final Set<String> CLICKHOUSE_ONLY = Set.of("br", "xz", "bz2", "snappy");

    private RequestBodies() {}

    /**
     * The decoded body. A body that is not what its encoding says fails with a {@link ZipException} (whatever the
     * decoder's own exception), which the handler answers as ClickHouse's CANNOT_DECOMPRESS.
     */
    static InputStream decode(String contentEncoding, InputStream body) throws ChdbException, IOException {
        if (contentEncoding == null) {
            return body;
        }
        String method = contentEncoding.strip().toLowerCase(Locale.ROOT);
        try {
            return switch (method) {
                case "", "identity", "none" -> body;
                case "gzip", "x-gzip" -> new Decoded(new GZIPInputStream(body, 1 << 16));
                case "deflate" -> new Decoded(new InflaterInputStream(body));
                case "zstd" -> new Decoded(new ZstdInputStream(body));
                case "lz4" -> new Decoded(new LZ4FrameInputStream(body));
                default -> throw unsupported(method);
            };
        } catch (ZipException e) {
            throw e;
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    private static ChdbException unsupported(String method) {
        if (CLICKHOUSE_ONLY.contains(method)) {
            return ChdbException.of(
                    48,
                    "NOT_IMPLEMENTED",
                    "the local ClickHouse server decodes request bodies in gzip, deflate, zstd and lz4 only, not '"
                            + method + "' (a ClickHouse server accepts it)");
        }
        return ChdbException.of(
                48,
                "NOT_IMPLEMENTED",
                "Unknown compression method '" + method + "'. Only 'gzip', 'deflate', 'br', 'xz', 'zstd', "
                        + "'lz4', 'bz2', 'snappy' are supported as HTTP content encodings");
    }

    private static ZipException corrupt(IOException e) {
        ZipException z = new ZipException(e.getMessage());
        z.initCause(e);
        return z;
    }

    /** A decoder whose failures all read as a corrupt body. */
    private static final class Decoded extends FilterInputStream {
        Decoded(InputStream decoder) {
            super(decoder);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (ZipException e) {
                throw e;
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (ZipException e) {
                throw e;
            } catch (IOException e) {
                throw corrupt(e);
            }
        }
    }

    /**
     * The driver's {@code compress=1} / {@code decompress=1} speak ClickHouse-native LZ4 blocks, which this
     * server neither reads nor writes: answering plain bytes to a client that expects blocks would fail far
     * from the cause, so both are refused with the JDBC property that avoids them.
     */
    static void rejectNativeCompression(Map<String, String> params) throws ChdbException {
        if (enabled(params.get("decompress"))) {
            throw ChdbException.of(
                    48,
                    "NOT_IMPLEMENTED",
                    "the local ClickHouse server does not accept ClickHouse-native compressed request bodies "
                            + "(decompress=1); use the JDBC property decompress=false (see LocalClickHouseProfile) "
                            + "or an HTTP Content-Encoding");
        }
        if (enabled(params.get("compress"))) {
            throw ChdbException.of(
                    48,
                    "NOT_IMPLEMENTED",
                    "the local ClickHouse server does not send ClickHouse-native compressed responses "
                            + "(compress=1); use the JDBC property compress=false (see LocalClickHouseProfile)");
        }
    }

    private static boolean enabled(String value) {
        return "1".equals(value) || "true".equalsIgnoreCase(value);
    }
}
