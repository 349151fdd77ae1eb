package com.virtdevice.ifttt.api;

import com.virtdevice.support.web.PayloadTooLarge;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every error of the IFTTT endpoints in IFTTT's format
 * ({@link IftttErrorResponse}) instead of the hub's problem JSON: IFTTT reads
 * {@code errors[].message} and shows it to the user. Ordered before the hub's handler,
 * and limited to this package's controllers.
 */
@RestControllerAdvice(basePackageClasses = IftttExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class IftttExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(IftttExceptionHandler.class);

	/** Seconds IFTTT is asked to wait before retrying a 503. */
	static final String RETRY_AFTER_SECONDS = "5";

	@ExceptionHandler(IftttProblem.class)
	ResponseEntity<IftttErrorResponse> problem(IftttProblem ex) {
		return error(ex.status(), ex.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<IftttErrorResponse> unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLarge tooLarge) {
				return error(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
			}
		}
		return error(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape");
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			RecoverableDataAccessException.class, CannotCreateTransactionException.class })
	ResponseEntity<IftttErrorResponse> unavailable(Exception ex) {
		log.warn("Answering IFTTT with 503: the database is unavailable: {}", ex.getMessage());
		return error(HttpStatus.SERVICE_UNAVAILABLE, "The service is temporarily unavailable; try again later");
	}

	/** A query string Tomcat cannot decode; it says so only when a parameter is read. */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<IftttErrorResponse> undecodable(InvalidParameterException ex) {
		return error(HttpStatus.BAD_REQUEST, "The request's parameters cannot be decoded");
	}

	@ExceptionHandler({ AuthenticationException.class, AccessDeniedException.class })
	ResponseEntity<IftttErrorResponse> unauthenticated(Exception ex) {
		return error(HttpStatus.UNAUTHORIZED, "A valid access token is required");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<IftttErrorResponse> other(Exception ex) {
		if (ex instanceof ErrorResponse known) {
			HttpStatusCode status = known.getStatusCode();
			String detail = known.getBody().getDetail();
			return error(status, (detail != null) ? detail : "The request cannot be served");
		}
		log.error("Unexpected error answering IFTTT", ex);
		return error(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred");
	}

	private static ResponseEntity<IftttErrorResponse> error(HttpStatusCode status, String message) {
		// Set, not negotiated: an error is answered in IFTTT's JSON whatever Accept asked
		// for.
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
		if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		return response.body(IftttErrorResponse.of(message));
	}

}
