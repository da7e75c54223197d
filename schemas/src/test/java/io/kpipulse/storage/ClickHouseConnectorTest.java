package io.kpipulse.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClickHouseConnectorTest {

    @Test
    void putsTheDatabaseIntoTheUrlPath() {
        assertEquals(
                "jdbc:clickhouse://127.0.0.1:8123/kpi",
                ClickHouseConnector.urlWithDatabase("jdbc:clickhouse://127.0.0.1:8123", "kpi"));
        assertEquals(
                "jdbc:clickhouse:http://h:8123/kpi?ssl=true",
                ClickHouseConnector.urlWithDatabase("jdbc:clickhouse:http://h:8123/default?ssl=true", "kpi"));
    }

    @Test
    void localProfileTurnsResponseCompressionOff() {
        assertEquals(
                "false",
                new ClickHouseConnector("u", "d", "default", "", true)
                        .driverProperties()
                        .getProperty("compress"));
        assertEquals(
                null,
                new ClickHouseConnector("u", "d", "default", "", false)
                        .driverProperties()
                        .getProperty("compress"));
    }
}
