package io.kpipulse.api.auth;

import java.util.Objects;
import java.util.Set;

/**
 * A user of the built-in issuer, as stored in the users file: never a plain password, only its
 * {@link PasswordHash}.
 *
 * @param employeeId the org directory's employee id, or null for a role without data scope of its own
 */
public record LocalUser(String tenant, String username, String passwordHash, Set<Role> roles, String employeeId) {

    public LocalUser {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(username, "username");
        if (!PasswordHash.isHash(passwordHash)) {
            throw new IllegalArgumentException("user " + username + ": passwordHash is not a PBKDF2 hash");
        }
        roles = Set.copyOf(roles);
        if (roles.contains(Role.PUBLIC)) {
            throw new IllegalArgumentException("user " + username + ": PUBLIC is not a role a user can hold");
        }
    }

    /** The token subject: unique across tenants, since the same username may exist in two of them. */
    public String subject() {
        return tenant + "/" + username;
    }
}
