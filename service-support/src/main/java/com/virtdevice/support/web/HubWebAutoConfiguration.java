package com.virtdevice.support.web;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Problem JSON for every error, and the request-size limit. */
@AutoConfiguration(
		beforeName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
				"org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration" },
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(HubWebProperties.class)
public class HubWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProblemResponses problemResponses(JsonMapper json) {
		return new ProblemResponses(json);
	}

	@Bean
	@ConditionalOnMissingBean
	HubProblemHandler hubProblemHandler() {
		return new HubProblemHandler();
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController problemErrorController(ErrorAttributes errorAttributes) {
		return new ProblemErrorController(errorAttributes);
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(HubWebProperties properties,
			ProblemResponses problems) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.maxRequestSize().toBytes(), problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
