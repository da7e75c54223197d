package io.kpipulse.read.values;

import io.kpipulse.catalog.WindowBounds;
import java.time.LocalDate;

/**
 * The window as of {@code day}: its instance, and the subject's newest value of it, or null when nothing
 * was counted in it.
 */
public record HistoryPoint(LocalDate day, WindowBounds window, IndicatorValue value) {}
