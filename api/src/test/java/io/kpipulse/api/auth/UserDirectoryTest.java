package io.kpipulse.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.api.http.ApiJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDirectoryTest {

    final SecureRandom random = new SecureRandom();

    @Test
    void passwordHashVerifiesOnlyTheSamePasswordAndCarriesItsCost() {
        String hash = PasswordHash.hash("correct horse".toCharArray(), random, 1_000);
        assertTrue(hash.startsWith("pbkdf2-sha256$1000$"), hash);
        assertTrue(PasswordHash.matches("correct horse".toCharArray(), hash));
        assertFalse(PasswordHash.matches("correct hors".toCharArray(), hash));
        assertFalse(hash.equals(PasswordHash.hash("correct horse".toCharArray(), random, 1_000)), "salted");
    }

    @Test
    void plainTextPasswordsAreRejectedInAUsersFile() {
        assertThrows(
                IllegalArgumentException.class, () -> new LocalUser("t-acme", "hr", "hunter2", Set.of(Role.HR), null));
    }

    @Test
    void demoUsersHaveOneUserPerRoleAndTheirPasswordsSignInFromTheWrittenFile(@TempDir Path dir) throws Exception {
        List<DemoUsers.SignIn> signIns = DemoUsers.create(
                List.of(new DemoUsers.Seats("t-demo", "e-00001", "e-00002", "e-00150", "e-00040")), random, 1_000);
        assertEquals(6, signIns.size());
        Path file = dir.resolve("users.json");
        UserDirectory.write(file, DemoUsers.users(signIns), ApiJson.mapper());
        String text = Files.readString(file);
        for (DemoUsers.SignIn s : signIns) {
            assertFalse(text.contains(s.password()), "no plain password in the file");
        }
        UserDirectory users = UserDirectory.load(file, ApiJson.mapper());
        DemoUsers.SignIn head = signIns.get(1);
        assertEquals(Set.of(Role.DEPARTMENT_HEAD), head.user().roles());
        assertEquals(
                head.user(),
                users.authenticate("t-demo", "head", head.password().toCharArray())
                        .orElseThrow());
        assertTrue(users.authenticate("t-demo", "head", "wrong".toCharArray()).isEmpty());
        assertTrue(users.authenticate("t-other", "head", head.password().toCharArray())
                .isEmpty());
        assertTrue(users.authenticate("t-demo", "nobody", head.password().toCharArray())
                .isEmpty());
        String sheet = DemoUsers.sheet(signIns);
        assertTrue(sheet.contains("head") && sheet.contains(head.password()) && sheet.contains("e-00002"), sheet);
    }
}
