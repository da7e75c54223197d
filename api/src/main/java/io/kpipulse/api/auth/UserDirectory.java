package io.kpipulse.api.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in issuer's users, read once from a JSON users file ({@link DemoUsers} writes one):
 *
 * <pre>{"users": [{"tenant": "t-demo", "username": "head", "passwordHash": "pbkdf2-sha256$600000$...",
 *   "roles": ["DEPARTMENT_HEAD"], "employeeId": "e-00002"}]}</pre>
 *
 * A wrong password and an unknown user cost the same hash computation, so timing does not tell which
 * usernames exist.
 */
public final class UserDirectory {

    private final Map<String, LocalUser> users;
    private final String decoyHash;

    public UserDirectory(List<LocalUser> users) {
        Map<String, LocalUser> byKey = new LinkedHashMap<>();
        for (LocalUser u : users) {
            if (byKey.put(key(u.tenant(), u.username()), u) != null) {
                throw new IllegalArgumentException("user " + u.username() + " appears twice in " + u.tenant());
            }
        }
        this.users = Map.copyOf(byKey);
        int iterations = users.isEmpty()
                ? PasswordHash.DEFAULT_ITERATIONS
                : iterations(users.get(0).passwordHash());
        this.decoyHash = PasswordHash.hash("decoy".toCharArray(), new SecureRandom(), iterations);
    }

    public record UsersFile(List<LocalUser> users) {}

    public static UserDirectory load(Path file, ObjectMapper json) {
        try {
            UsersFile parsed = json.readValue(Files.readString(file), new TypeReference<UsersFile>() {});
            return new UserDirectory(parsed.users() == null ? List.of() : parsed.users());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read users file " + file, e);
        }
    }

    public static void write(Path file, List<LocalUser> users, ObjectMapper json) {
        try {
            Files.writeString(
                    file,
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(new UsersFile(new ArrayList<>(users))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write users file " + file, e);
        }
    }

    /** The user whose tenant, username and password all match; empty otherwise. */
    public Optional<LocalUser> authenticate(String tenant, String username, char[] password) {
        LocalUser user = users.get(key(tenant, username));
        boolean matches = PasswordHash.matches(password, user == null ? decoyHash : user.passwordHash());
        return user != null && matches ? Optional.of(user) : Optional.empty();
    }

    public int size() {
        return users.size();
    }

    private static String key(String tenant, String username) {
        return tenant + "\n" + username;
    }

    private static int iterations(String hash) {
        return Integer.parseInt(hash.split("\\$")[1]);
    }
}
