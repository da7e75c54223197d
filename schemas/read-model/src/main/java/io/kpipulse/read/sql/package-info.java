/**
 * JDBC helpers shared by every reader of ClickHouse (the read model's and the API's own operator readers):
 * where connections come from, bound parameters only, and the one storage failure type.
 */
package io.kpipulse.read.sql;
