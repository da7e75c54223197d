package io.kpipulse.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an issuer's public keys come from: its JWKS URL (fetched, cached and refreshed by nimbus, so key
 * rotation needs no restart), or a local file outside git holding a JWKS or PEM public keys. Private keys in
 * a file are reduced to their public half: this side only verifies.
 */
public final class VerificationKeys {

    private static final Pattern PEM_PUBLIC_KEY =
            Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    private VerificationKeys() {}

    public static JWKSource<SecurityContext> fromUrl(String url) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(url).toURL())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JWKS URL: " + url, e);
        }
    }

    public static JWKSource<SecurityContext> fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
        return new ImmutableJWKSet<>(parse(text, file.toString()));
    }

    static JWKSet parse(String text, String source) {
        try {
            if (text.strip().startsWith("{")) {
                return JWKSet.parse(text).toPublicJWKSet();
            }
            List<JWK> keys = new ArrayList<>();
            Matcher m = PEM_PUBLIC_KEY.matcher(text);
            while (m.find()) {
                keys.add(jwk(Base64.getMimeDecoder().decode(m.group(1))));
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("no JWKS and no PEM public key in " + source);
            }
            return new JWKSet(keys);
        } catch (ParseException | GeneralSecurityException | JOSEException e) {
            throw new IllegalArgumentException("cannot parse keys in " + source + ": " + e.getMessage(), e);
        }
    }

    private static JWK jwk(byte[] spki) throws GeneralSecurityException, JOSEException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(spki);
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            key = KeyFactory.getInstance("EC").generatePublic(spec);
        }
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).keyIDFromThumbprint().build();
        }
        ECPublicKey ec = (ECPublicKey) key;
        return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec)
                .keyIDFromThumbprint()
                .build();
    }
}
