package org.citycard.clearing.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;
import org.citycard.clearing.support.ConflictException;
import org.citycard.clearing.support.NotFoundException;
import org.citycard.dictionary.validate.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors as JSON a person can act on: {@code {"error", "field", "value", "rule"}} for bad input (400), the missing
 * thing for 404, the contradiction for 409. Nothing is changed by a refused request; no stack trace or secret is
 * ever in the body.
 */
@RestControllerAdvice
class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    record ApiError(String error, String field, String value, String rule) {}

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<ApiError> invalid(ValidationException e) {
        return ResponseEntity.badRequest().body(new ApiError("invalid value", e.field(), e.value(), e.rule()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return ResponseEntity.badRequest()
                    .body(new ApiError(
                            "unknown property",
                            path(u),
                            u.getPropertyName(),
                            "known properties: " + u.getKnownPropertyIds()));
        }
        if (cause instanceof InvalidFormatException f) {
            return ResponseEntity.badRequest()
                    .body(new ApiError(
                            "invalid value",
                            path(f),
                            String.valueOf(f.getValue()),
                            "must be a " + f.getTargetType().getSimpleName()));
        }
        if (cause instanceof MismatchedInputException m) {
            return ResponseEntity.badRequest()
                    .body(new ApiError(
                            "invalid value",
                            path(m),
                            tokenText(m),
                            "must be a "
                                    + (m.getTargetType() == null
                                            ? "value of another type"
                                            : m.getTargetType().getSimpleName())));
        }
        if (cause instanceof JsonMappingException j && !j.getPath().isEmpty()) {
            return ResponseEntity.badRequest()
                    .body(new ApiError("invalid value", path(j), null, j.getOriginalMessage()));
        }
        return ResponseEntity.badRequest()
                .body(new ApiError(
                        "malformed JSON",
                        null,
                        null,
                        "the body must be a JSON object as described in" + " /v3/api-docs"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest()
                .body(new ApiError(
                        "invalid value",
                        e.getName(),
                        String.valueOf(e.getValue()),
                        "must be a "
                                + (e.getRequiredType() == null
                                        ? "valid value"
                                        : e.getRequiredType().getSimpleName())));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest()
                .body(new ApiError("missing parameter", e.getParameterName(), null, "required"));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(e.getMessage(), null, null, null));
    }

    @ExceptionHandler(org.citycard.clearing.bankfile.BankStatusException.class)
    ResponseEntity<ApiError> statusReport(org.citycard.clearing.bankfile.BankStatusException e) {
        return ResponseEntity.badRequest()
                .body(new ApiError("status report refused whole; nothing changed", "report", null, e.getMessage()));
    }

    @ExceptionHandler(org.citycard.clearing.socialsecurity.SocialSecurityService.HolderMismatchException.class)
    ResponseEntity<ApiError> notTheHolder(
            org.citycard.clearing.socialsecurity.SocialSecurityService.HolderMismatchException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError(e.getMessage(), "asn", null, null));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ApiError> conflict(ConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new ApiError(e.getMessage(), null, null, null));
    }

    @ExceptionHandler(org.springframework.dao.DataAccessException.class)
    ResponseEntity<ApiError> database(org.springframework.dao.DataAccessException e) {
        log.error("database error", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new ApiError("the database is not available; nothing was changed", null, null, null));
    }

    /** The offending JSON value as written, when the parser still stands on it. */
    private static String tokenText(MismatchedInputException e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("value \\(\"?(.*?)\"?\\)")
                .matcher(String.valueOf(e.getOriginalMessage()));
        return m.find() ? m.group(1) : null;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
