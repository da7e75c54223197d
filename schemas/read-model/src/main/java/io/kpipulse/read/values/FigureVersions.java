package io.kpipulse.read.values;

/** Receives one stored version of a figure and its version ({@link IndicatorValueReader#forEachInstanceFigureVersion}). */
@FunctionalInterface
public interface FigureVersions {

    void accept(InstanceFigure figure, long version);
}
