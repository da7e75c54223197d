package io.kpipulse.api.auth;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Creates the demo users of the built-in issuer: one per role per tenant, with a random password each, for
 * the users file ({@link UserDirectory#write}) and a sign-in sheet to print. Passwords exist in plain text
 * only in the returned sign-ins, never in the file.
 *
 * <p>The employee ids come from the caller, who knows the org ({@link Seats}): the local stack takes them
 * from the simulated company — the executive is the head of the root department, the department head heads
 * a division (its subtree holds several teams), the employee is a member of a team inside that division, HR
 * is the head of Human Resources. Administrator and auditor have no employee id: they see no personal scope.
 */
public final class DemoUsers {

    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int PASSWORD_LENGTH = 16;

    private DemoUsers() {}

    /** Who holds each role in one tenant's demo. */
    public record Seats(String tenant, String executiveId, String departmentHeadId, String employeeId, String hrId) {
        public Seats {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(departmentHeadId, "departmentHeadId");
            Objects.requireNonNull(employeeId, "employeeId");
        }
    }

    /** A user to write and the password to print for it. */
    public record SignIn(LocalUser user, String password) {

        /** One line of the sign-in sheet. */
        public String line() {
            return String.format(
                    Locale.ROOT,
                    "%-14s %-10s %-18s %s%s",
                    user.tenant(),
                    user.username(),
                    password,
                    String.join(
                            ",", user.roles().stream().map(Role::name).sorted().toList()),
                    user.employeeId() == null ? "" : " (" + user.employeeId() + ")");
        }
    }

    public static List<SignIn> create(List<Seats> tenants, SecureRandom random, int iterations) {
        List<SignIn> out = new ArrayList<>();
        for (Seats s : tenants) {
            out.add(user(s.tenant(), "executive", Role.EXECUTIVE, s.executiveId(), random, iterations));
            out.add(user(s.tenant(), "head", Role.DEPARTMENT_HEAD, s.departmentHeadId(), random, iterations));
            out.add(user(s.tenant(), "employee", Role.EMPLOYEE, s.employeeId(), random, iterations));
            out.add(user(s.tenant(), "hr", Role.HR, s.hrId(), random, iterations));
            out.add(user(s.tenant(), "admin", Role.ADMINISTRATOR, null, random, iterations));
            out.add(user(s.tenant(), "auditor", Role.AUDITOR, null, random, iterations));
        }
        return out;
    }

    /** The sign-in sheet: a header and one line per user. */
    public static String sheet(List<SignIn> signIns) {
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT, "%-14s %-10s %-18s %s%n", "tenant", "username", "password", "roles (employee)"));
        signIns.forEach(s -> b.append(s.line()).append(System.lineSeparator()));
        return b.toString();
    }

    public static List<LocalUser> users(List<SignIn> signIns) {
        return signIns.stream().map(SignIn::user).toList();
    }

    private static SignIn user(
            String tenant, String username, Role role, String employeeId, SecureRandom random, int iterations) {
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        LocalUser user = new LocalUser(
                tenant, username, PasswordHash.hash(password, random, iterations), Set.of(role), employeeId);
        return new SignIn(user, new String(password));
    }
}
