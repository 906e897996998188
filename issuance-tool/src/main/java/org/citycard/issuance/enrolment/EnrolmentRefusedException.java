package org.citycard.issuance.enrolment;

import java.util.List;
import java.util.stream.Collectors;

/** An enrolment breaks rules of the dictionary; every broken field is listed. */
public final class EnrolmentRefusedException extends IllegalArgumentException {
    private final List<FieldError> errors;

    public EnrolmentRefusedException(List<FieldError> errors) {
        super("enrolment refused: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
