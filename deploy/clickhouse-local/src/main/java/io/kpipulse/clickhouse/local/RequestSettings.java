package io.kpipulse.clickhouse.local;

/** Settings passed as URL parameters, turned into {@code SET} statements for the engine. */
final class RequestSettings {
    private RequestSettings() {}

    /** {@code SET name = 'value'}; a name that is not a plain identifier fails as ClickHouse's UNKNOWN_SETTING. */
    static String setStatement(String name, String value) throws ChdbException {
        if (!name.matches("[A-Za-z0-9_.]+")) {
            throw ChdbException.of(115, "UNKNOWN_SETTING", "Unknown setting '" + name + "'");
        }
        return "SET " + name + " = " + SqlText.quoteString(value);
    }
}
