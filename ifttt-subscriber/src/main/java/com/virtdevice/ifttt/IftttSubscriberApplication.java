package com.virtdevice.ifttt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The hub's IFTTT service (docs/contract.md §7): keeps a bounded history of every user's
 * property changes, serves it to IFTTT's trigger polls, and tells IFTTT's Realtime API
 * when there is something new to poll.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class IftttSubscriberApplication {

	public static void main(String[] args) {
		SpringApplication.run(IftttSubscriberApplication.class, args);
	}

}
