package com.virtdevice.dashboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * dashboard-ws (docs/contract.md §5): relays each user's hub events to that user's
 * browsers over STOMP/WebSocket from one Redis pattern subscription per instance, and
 * serves the dashboard page.
 */
@SpringBootApplication
@EnableConfigurationProperties(DashboardProperties.class)
public class DashboardApplication {

	public static void main(String[] args) {
		SpringApplication.run(DashboardApplication.class, args);
	}

}
