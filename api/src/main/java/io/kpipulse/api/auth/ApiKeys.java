package io.kpipulse.api.auth;

import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * API keys of machine clients, in ClickHouse ({@code api_keys}, V004). A key reads
 * {@code kpk.<id>.<secret>}: the id finds the row, the secret is 32 random bytes, and only the SHA-256 of
 * the whole key is stored (a key has 256 bits of entropy, so a slow hash adds nothing). Each key belongs to
 * one tenant and carries a fixed role set; {@link Role#ADMINISTRATOR} is never granted to a key, so
 * managing keys always takes a signed-in person. Revocation is immediate: every request looks the key up.
 */
public final class ApiKeys {

    private static final Pattern PRESENTED = Pattern.compile("kpk\\.([0-9a-f]{16})\\.([A-Za-z0-9_-]{43})");
    private static final Set<Role> GRANTABLE = EnumSet.of(Role.EXECUTIVE, Role.HR, Role.AUDITOR);
    private static final String COLUMNS = "key_id, tenant_id, name, key_sha256, roles, created_by,"
            + " toUnixTimestamp64Milli(created_at) AS created_ms, revoked, revoked_by,"
            + " toUnixTimestamp64Milli(revoked_at) AS revoked_ms, version";

    private final Connections connections;
    private final Clock clock;
    private final SecureRandom random;

    public ApiKeys(Connections connections, Clock clock, SecureRandom random) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The roles a key may carry: machine readers, never administration nor personal scope. */
    public static Set<Role> grantable() {
        return GRANTABLE;
    }

    /** A key as listed: everything but its hash. */
    public record ApiKeyView(
            String id,
            String tenant,
            String name,
            Set<Role> roles,
            String createdBy,
            Instant createdAt,
            boolean revoked,
            String revokedBy,
            Instant revokedAt) {}

    /** A new key: {@code key} is shown to its creator once and stored nowhere. */
    public record Created(ApiKeyView apiKey, String key) {}

    private record Row(ApiKeyView view, String sha256, long version) {}

    public Created create(String tenant, String name, Set<Role> roles, String createdBy) {
        if (roles.isEmpty() || !GRANTABLE.containsAll(roles)) {
            throw new IllegalArgumentException("an API key carries one or more of " + GRANTABLE);
        }
        byte[] idBytes = new byte[8];
        byte[] secret = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secret);
        String id = HexFormat.of().formatHex(idBytes);
        String key = "kpk." + id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Arrays.fill(secret, (byte) 0);
        Instant now = clock.instant();
        ApiKeyView view = new ApiKeyView(id, tenant, name, Set.copyOf(roles), createdBy, now, false, "", null);
        write(view, sha256(key), now.toEpochMilli());
        return new Created(view, key);
    }

    /** Revokes a key of this tenant; empty when the tenant has no such key. Revoking twice changes nothing. */
    public Optional<ApiKeyView> revoke(String tenant, String id, String revokedBy) {
        Optional<Row> row = find(id).filter(r -> r.view().tenant().equals(tenant));
        if (row.isEmpty() || row.get().view().revoked()) {
            return row.map(Row::view);
        }
        ApiKeyView old = row.get().view();
        Instant now = clock.instant();
        ApiKeyView revoked = new ApiKeyView(
                old.id(),
                old.tenant(),
                old.name(),
                old.roles(),
                old.createdBy(),
                old.createdAt(),
                true,
                revokedBy,
                now);
        write(revoked, row.get().sha256(), Math.max(row.get().version() + 1, now.toEpochMilli()));
        return Optional.of(revoked);
    }

    public List<ApiKeyView> list(String tenant) {
        return Sql.query(
                        connections,
                        "SELECT " + COLUMNS + " FROM api_keys FINAL WHERE tenant_id = ? ORDER BY created_ms, key_id",
                        List.of(tenant),
                        ApiKeys::row)
                .stream()
                .map(Row::view)
                .toList();
    }

    /** The principal of a presented key that exists, matches and is not revoked; empty otherwise. */
    public Optional<Principal> authenticate(String presented) {
        var m = PRESENTED.matcher(presented);
        if (!m.matches()) {
            return Optional.empty();
        }
        return find(m.group(1))
                .filter(r -> !r.view().revoked())
                .filter(r -> MessageDigest.isEqual(
                        r.sha256().getBytes(StandardCharsets.US_ASCII),
                        sha256(presented).getBytes(StandardCharsets.US_ASCII)))
                .map(r -> new Principal(
                        r.view().tenant(), "key:" + r.view().id(), r.view().roles(), null));
    }

    private Optional<Row> find(String id) {
        return Sql.query(
                        connections,
                        "SELECT " + COLUMNS + " FROM api_keys FINAL WHERE key_id = ?",
                        List.of(id),
                        ApiKeys::row)
                .stream()
                .findFirst();
    }

    private void write(ApiKeyView v, String sha256, long version) {
        Sql.execute(
                connections,
                "INSERT INTO api_keys (key_id, tenant_id, name, key_sha256, roles, created_by, created_at, revoked,"
                        + " revoked_by, revoked_at, version) VALUES (?, ?, ?, ?, ?, ?, fromUnixTimestamp64Milli(?),"
                        + " ?, ?, fromUnixTimestamp64Milli(?), ?)",
                List.of(
                        v.id(),
                        v.tenant(),
                        v.name(),
                        sha256,
                        v.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")),
                        v.createdBy(),
                        v.createdAt().toEpochMilli(),
                        v.revoked() ? 1 : 0,
                        v.revokedBy(),
                        v.revokedAt() == null ? 0L : v.revokedAt().toEpochMilli(),
                        version));
    }

    private static Row row(ResultSet rs) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : rs.getString("roles").split(",")) {
            if (!r.isEmpty()) {
                roles.add(Role.valueOf(r));
            }
        }
        boolean revoked = rs.getInt("revoked") == 1;
        ApiKeyView view = new ApiKeyView(
                rs.getString("key_id"),
                rs.getString("tenant_id"),
                rs.getString("name"),
                roles,
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_ms")),
                revoked,
                rs.getString("revoked_by"),
                revoked ? Instant.ofEpochMilli(rs.getLong("revoked_ms")) : null);
        return new Row(view, rs.getString("key_sha256"), rs.getLong("version"));
    }

    static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
