package io.kpipulse.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 over topic, key and value of every record, in order, each part length-prefixed. */
final class Digests {

    private Digests() {}

    static String sha256(List<ProducedRecord> records) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (ProducedRecord r : records) {
                part(md, r.topic().getBytes(StandardCharsets.UTF_8));
                part(md, r.key());
                part(md, r.value());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void part(MessageDigest md, byte[] bytes) {
        int n = bytes.length;
        md.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        md.update(bytes);
    }
}
