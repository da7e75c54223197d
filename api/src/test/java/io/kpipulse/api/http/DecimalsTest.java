package io.kpipulse.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void valuesAreShownAtTheIndicatorScaleWhenThatIsExact() {
        assertEquals("12345.60", Decimals.atScale(new BigDecimal("12345.600000"), 2));
        assertEquals("7", Decimals.atScale(new BigDecimal("7.000000"), 0));
    }

    @Test
    void storedDecimalsBeyondTheScaleAreNeverRoundedAway() {
        assertEquals("0.123457", Decimals.atScale(new BigDecimal("0.123457"), 2));
    }

    @Test
    void hugeValuesStayInPlainNotation() {
        assertEquals(
                "12345678901234567890123.45", Decimals.atScale(new BigDecimal("12345678901234567890123.450000"), 2));
        assertEquals("100", Decimals.plain(new BigDecimal("100.000000")));
        assertEquals("0", Decimals.plain(new BigDecimal("0.000000")));
        assertNull(Decimals.plain(null));
    }
}
