/**
 * The one reader of indicator values ({@link io.kpipulse.read.values.IndicatorValueReader}): a value with
 * its target, attainment and the previous instance; rankings (top-N, paged, within a set of subjects); the
 * rank of one subject; histories; several indicators of one subject at once. Nothing outside this package
 * knows the table or column names of the stored values, so the engine may change how it stores them.
 */
package io.kpipulse.read.values;
