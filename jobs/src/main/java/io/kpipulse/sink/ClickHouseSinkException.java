package io.kpipulse.sink;

import java.io.IOException;

/** The sink cannot store its rows; thrown from the writer it fails the job, which restarts from the last checkpoint. */
public final class ClickHouseSinkException extends IOException {

    private static final long serialVersionUID = 1L;

    public ClickHouseSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
