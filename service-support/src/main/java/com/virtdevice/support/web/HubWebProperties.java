package com.virtdevice.support.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP settings every service shares.
 *
 * @param maxRequestSize largest request body accepted; larger ones get 413
 * @param corsAllowedOrigins browser origins allowed to call {@code /api/**} (e.g. the
 * dashboard's): exact ({@code https://dashboard.example.com}) or patterns with {@code *}
 * ({@code http://*:8084}, the dashboard under whichever host name the browser used);
 * empty for none
 */
@ConfigurationProperties("virtdevice.web")
public record HubWebProperties(@DefaultValue("64KB") DataSize maxRequestSize,
		@DefaultValue List<String> corsAllowedOrigins) {

}
