/**
 * Changes to indicator values as they are written, for the live dashboard: the rows of one tenant newer
 * than a cursor. Only the push path reads here; values "as of a day" are read through
 * {@code io.kpipulse.read.values}.
 */
package io.kpipulse.read.changes;
