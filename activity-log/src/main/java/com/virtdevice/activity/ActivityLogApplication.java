package com.virtdevice.activity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The hub's audit trail (docs/contract.md §6): one row per event in the {@code activity}
 * schema, exactly once, and an operators' query API on port 8085.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ActivityLogApplication {

	public static void main(String[] args) {
		SpringApplication.run(ActivityLogApplication.class, args);
	}

}
