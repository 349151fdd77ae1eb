package com.virtdevice.support.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.AbstractErrorController;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach a controller — a request the firewall rejects, a path the
 * container refuses, an error page dispatch — are problem JSON too, instead of Spring
 * Boot's default error body. Says only what the status says.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController extends AbstractErrorController {

	ProblemErrorController(ErrorAttributes errorAttributes) {
		super(errorAttributes);
	}

	@RequestMapping
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, status.is5xxServerError()
				? "An unexpected error occurred" : "The request was refused: " + status.getReasonPhrase());
		Object path = request.getAttribute("jakarta.servlet.error.request_uri");
		if (path instanceof String uri) {
			problem.setInstance(java.net.URI.create(uri.replaceAll("[^\\x21-\\x7e]", "")));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
