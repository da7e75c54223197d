package io.kpipulse.read.values;

import io.kpipulse.read.sql.Sql;
import java.util.Collections;

/**
 * Two ways to read the newest version of each stored value; both must give the same answer (a test holds
 * them to it). See api/README.md for the choice.
 */
public enum ValueReadStrategy {

    /**
     * {@code FROM indicator_values FINAL}: the engine merges versions at read time. Correct here because
     * every WHERE column is part of the sorting key (of both copies of the rows), so filtering before the merge
     * cannot drop the newest version of a row while keeping an older one.
     */
    FINAL {
        @Override
        String sql(ValueSelection selection, String table) {
            return "SELECT indicator_id, subject_id, toString(window_start) AS start_day,"
                    + " toString(window_end) AS end_day, value, numerator, denominator, target, attainment,"
                    + " event_count, toUnixTimestamp64Milli(last_event_time) AS last_event_ms, catalog_version,"
                    + " version AS newest_version, subject_path AS path_of_subject"
                    + " FROM " + table + " FINAL"
                    + where(selection);
        }

        @Override
        String figuresSql(ValueSelection selection) {
            return "SELECT indicator_id, subject_id, " + FIGURES + " FROM indicator_values FINAL"
                    + namedWhere(selection);
        }
    },

    /**
     * {@code argMax(tuple, version) ... GROUP BY} the rest of the key. The value columns travel in one
     * tuple so a NULL value of the newest version is kept rather than skipped by the aggregate.
     */
    ARG_MAX {
        @Override
        String sql(ValueSelection selection, String table) {
            return "SELECT indicator_id, subject_id, toString(window_start) AS start_day,"
                    + " toString(latest.1) AS end_day, latest.2 AS value, latest.3 AS numerator,"
                    + " latest.4 AS denominator, latest.5 AS target, latest.6 AS attainment, latest.7 AS event_count,"
                    + " toUnixTimestamp64Milli(latest.8) AS last_event_ms, latest.9 AS catalog_version, newest_version,"
                    + " latest.10 AS path_of_subject"
                    + " FROM (SELECT indicator_id, subject_id, window_start,"
                    + " argMax((window_end, value, numerator, denominator, target, attainment, event_count,"
                    + " last_event_time, catalog_version, subject_path), version) AS latest, max(version) AS newest_version"
                    + " FROM " + table
                    + where(selection)
                    + " GROUP BY indicator_id, subject_id, window_start)";
        }

        @Override
        String figuresSql(ValueSelection selection) {
            return "SELECT indicator_id, subject_id, latest.1 AS value, latest.2 AS numerator,"
                    + " latest.3 AS denominator, latest.4 AS target, latest.5 AS attainment, latest.6 AS event_count"
                    + " FROM (SELECT indicator_id, subject_id, window_start, argMax((" + FIGURES + "), version)"
                    + " AS latest FROM indicator_values" + namedWhere(selection)
                    + " GROUP BY indicator_id, subject_id, window_start)";
        }
    };

    /**
     * Every stored version of the rows of {@code selection} (unmerged versions included) with the figures a close
     * keeps and the version, in no order and without FINAL or argMax: for a reader that keeps the highest version of
     * each row itself, which is the row either strategy answers (a ReplacingMergeTree on {@code version} keeps the
     * highest, and two different rows of one key never share a version). Named parameters as {@link #figuresSql}.
     */
    static String everyVersionFiguresSql(ValueSelection selection) {
        return "SELECT indicator_id, subject_id, " + FIGURES + ", version FROM indicator_values"
                + namedWhere(selection);
    }

    /** The value columns a period close keeps, in the order {@link #figuresSql} answers them. */
    private static final String FIGURES = "value, numerator, denominator, target, attainment, event_count";

    /*
     * Aliases never reuse a column name: ClickHouse lets a SELECT alias shadow the column in WHERE and
     * inside aggregates, which would compare the text of a date with a date.
     */

    /**
     * The newest rows of {@code selection} in {@code table} (one of {@link ValueTable}'s two copies of the rows,
     * never user input); placeholders are bound with {@link ValueSelection#params()}.
     */
    abstract String sql(ValueSelection selection, String table);

    /**
     * The newest rows of {@code selection} with only indicator, subject and the figures a close keeps (value,
     * numerator, denominator, target, attainment, event count), the same rows as {@link #sql}; parameters are
     * named and bound on the server with {@link ValueSelection#namedParams()}.
     */
    abstract String figuresSql(ValueSelection selection);

    private static String where(ValueSelection s) {
        return " WHERE tenant_id = ? AND indicator_id IN ("
                + Sql.placeholders(s.indicatorIds().size()) + ")"
                + " AND window_type = ? AND window_start IN ("
                + dates(s.windowStarts().size()) + ")"
                + " AND subject_type = ?"
                + (s.allSubjects()
                        ? ""
                        : " AND subject_id IN ("
                                + Sql.placeholders(s.subjectIds().size()) + ")");
    }

    /** {@link #where} with named server-side parameters ({@code {name:Type}}) instead of placeholders. */
    private static String namedWhere(ValueSelection s) {
        return " WHERE tenant_id = {tenant:String} AND indicator_id IN ("
                + named("i", "String", s.indicatorIds().size())
                + ") AND window_type = {window:String} AND window_start IN ("
                + named("d", "Date", s.windowStarts().size())
                + ") AND subject_type = {subjectType:String}"
                + (s.allSubjects()
                        ? ""
                        : " AND subject_id IN ("
                                + named("s", "String", s.subjectIds().size()) + ")");
    }

    /** {@code {p0:Type}, {p1:Type}, ...}. */
    private static String named(String prefix, String type, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ")
                    .append('{')
                    .append(prefix)
                    .append(i)
                    .append(':')
                    .append(type)
                    .append('}');
        }
        return b.toString();
    }

    /** Dates travel as ISO text, converted by toDate(?), so no driver time-zone logic applies. */
    private static String dates(int n) {
        return String.join(", ", Collections.nCopies(n, "toDate(?)"));
    }
}
