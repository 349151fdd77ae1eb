package com.virtdevice.support.web;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error a hub service meets into an RFC 9457 problem: Spring MVC's own
 * (malformed JSON, unsupported media type, …), {@link HubProblem}s, validation failures,
 * an unreachable database or Redis (503, retry later) and, as a last resort, a 500 that
 * says nothing about the internals.
 */
@RestControllerAdvice
public class HubProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(HubProblemHandler.class);

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		PayloadTooLarge tooLarge = causeOfType(ex, PayloadTooLarge.class);
		if (tooLarge != null) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), headers, request);
		}
		return problem(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape", headers,
				request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid");
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
		body.setProperty("errors", errors);
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid");
		body.setProperty("errors",
				ex.getConstraintViolations()
					.stream()
					.map((violation) -> Map.of("field", violation.getPropertyPath().toString(), "message",
							violation.getMessage()))
					.toList());
		return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			RecoverableDataAccessException.class, CannotCreateTransactionException.class,
			RedisConnectionFailureException.class })
	ResponseEntity<Object> unavailable(Exception ex, WebRequest request) {
		log.warn("Answering 503: a backing service is unavailable: {}", ex.getMessage());
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "5");
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "A backing service is unavailable; retry later", headers,
				request);
	}

	/**
	 * A transaction whose rollback failed too. When the database goes away in the middle
	 * of a request, the rollback's error replaces the application's (a
	 * {@link DataAccessResourceFailureException}): both say the database is unavailable,
	 * which is a 503 like any other; anything else stays a 500.
	 */
	@ExceptionHandler(TransactionSystemException.class)
	ResponseEntity<Object> transactionFailed(TransactionSystemException ex, WebRequest request) {
		if (isUnavailable(ex.getApplicationException()) || isUnavailable(ex)) {
			return unavailable(ex, request);
		}
		return unexpected(ex, request);
	}

	private static boolean isUnavailable(@Nullable Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException
					|| cause instanceof RecoverableDataAccessException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof RedisConnectionFailureException) {
				return true;
			}
			// SQLSTATE class 08: connection exception.
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A query string or form body Tomcat cannot decode (an invalid {@code %} escape, an
	 * invalid character): Tomcat reports it only when a parameter is read.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> undecodableParameters(InvalidParameterException ex, WebRequest request) {
		return problem(HttpStatus.BAD_REQUEST, "The request's parameters cannot be decoded", new HttpHeaders(),
				request);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> accessDenied(AccessDeniedException ex, WebRequest request) {
		return problem(HttpStatus.FORBIDDEN, "The token does not grant the scope this request needs", new HttpHeaders(),
				request);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<Object> unauthenticated(AuthenticationException ex, WebRequest request) {
		return problem(HttpStatus.UNAUTHORIZED, "A valid bearer token is required", new HttpHeaders(), request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error answering {}", request.getDescription(false), ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred", new HttpHeaders(), request);
	}

	private ResponseEntity<Object> problem(HttpStatus status, String detail, HttpHeaders headers, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		ResponseEntity<Object> response = handleExceptionInternal(new IllegalStateException(detail), body, headers,
				status, request);
		return (response != null) ? response : ResponseEntity.status(status).headers(headers).body(body);
	}

	private static <T extends Throwable> @Nullable T causeOfType(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
