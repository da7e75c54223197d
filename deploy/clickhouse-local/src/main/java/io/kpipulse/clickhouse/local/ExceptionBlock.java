package io.kpipulse.clickhouse.local;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * How an error that happens after a response started streaming is written into the body, in the shape of
 * ClickHouse 25.11+: every response names a random tag in {@code X-ClickHouse-Exception-Tag}; the error comes
 * as {@code __exception__\r\n<tag>\r\n<text>\n<length> <tag>\r\n__exception__\r\n}, and the connection is then
 * cut without the final chunk, so even a client that knows nothing of the tag sees a broken response rather
 * than a complete result.
 */
final class ExceptionBlock {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private ExceptionBlock() {}

    /** 16 lowercase letters and digits, as the server's tags. */
    static String newTag() {
        char[] tag = new char[16];
        for (int i = 0; i < tag.length; i++) {
            tag[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(tag);
    }

    static byte[] render(String tag, String errorText) {
        byte[] text = errorText.getBytes(StandardCharsets.UTF_8);
        String block =
                "__exception__\r\n" + tag + "\r\n" + errorText + text.length + " " + tag + "\r\n__exception__\r\n";
        return block.getBytes(StandardCharsets.UTF_8);
    }
}
