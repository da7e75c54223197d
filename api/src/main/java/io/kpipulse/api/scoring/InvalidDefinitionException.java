package io.kpipulse.api.scoring;

import io.kpipulse.api.http.ApiException;
import io.kpipulse.scoring.rules.DefinitionException;

/** A definition refused whole: 400 INVALID_DEFINITION, the message naming the field and the rule broken. */
final class InvalidDefinitionException extends ApiException {

    private static final long serialVersionUID = 1L;

    InvalidDefinitionException(DefinitionException e) {
        super(400, "INVALID_DEFINITION", e.getMessage());
    }
}
