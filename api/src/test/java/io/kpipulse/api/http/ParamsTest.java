package io.kpipulse.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void unknownWindowIsABadRequestNamingTheParameterAndTheChoices() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> Params.window("FORTNIGHT"));
        assertEquals("window", e.parameter());
        assertTrue(e.getMessage().contains("MONTH_TO_DATE"), e.getMessage());
    }

    @Test
    void windowAndSubjectTypeAreCaseInsensitiveAndWindowDefaults() {
        assertEquals(WindowType.ROLLING_7D, Params.window("rolling_7d"));
        assertEquals(WindowType.MONTH_TO_DATE, Params.window(null, WindowType.MONTH_TO_DATE));
        assertEquals(SubjectType.DEPARTMENT, Params.subjectType("department"));
    }

    @Test
    void malformedOrImpossibleDatesAreRejected() {
        assertEquals(
                "date",
                assertThrows(BadRequestException.class, () -> Params.date("2026-13-01"))
                        .parameter());
        assertEquals(
                "date",
                assertThrows(BadRequestException.class, () -> Params.date("15/03/2026"))
                        .parameter());
        assertEquals(LocalDate.of(2026, 3, 15), Params.date("2026-03-15"));
        assertEquals(LocalDate.of(2026, 1, 2), Params.date("", LocalDate.of(2026, 1, 2)));
    }

    @Test
    void tenantIdsWithQuotesSemicolonsOrPipesAreRejected() {
        for (String bad : new String[] {"t'x", "t;drop", "a|b", "t x", "", "-lead"}) {
            assertEquals(
                    "tenant",
                    assertThrows(BadRequestException.class, () -> Params.tenant(bad))
                            .parameter(),
                    bad);
        }
        assertEquals("t-acme_life.cn", Params.tenant("t-acme_life.cn"));
    }

    @Test
    void subjectIdsAcceptBusinessIdsButNotSqlText() {
        assertEquals("E-0001", Params.subjectId("E-0001"));
        assertEquals("销售一部", Params.subjectId("销售一部"));
        assertThrows(BadRequestException.class, () -> Params.subjectId("e-1' OR '1'='1"));
        assertNull(Params.optionalSubjectId(" "));
    }

    @Test
    void limitAndOffsetAreBounded() {
        assertEquals(Params.DEFAULT_LIMIT, Params.limit(null));
        assertEquals(5, Params.limit("5"));
        assertEquals(
                "limit",
                assertThrows(BadRequestException.class, () -> Params.limit("0")).parameter());
        assertThrows(BadRequestException.class, () -> Params.limit("100000"));
        assertThrows(BadRequestException.class, () -> Params.limit("ten"));
        assertEquals(
                "offset",
                assertThrows(BadRequestException.class, () -> Params.offset("-1"))
                        .parameter());
    }

    @Test
    void reasonMustBeAnUpperCaseSymbol() {
        assertEquals("MALFORMED_AVRO", Params.optionalReason("MALFORMED_AVRO"));
        assertThrows(BadRequestException.class, () -> Params.optionalReason("x' OR 1=1"));
    }
}
