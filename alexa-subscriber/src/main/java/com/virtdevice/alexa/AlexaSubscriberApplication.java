package com.virtdevice.alexa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * alexa-subscriber (docs/contract.md §7): holds users' Alexa grants and turns their
 * devices' property changes into {@code Alexa.ChangeReport}s on the Alexa Event Gateway.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AlexaSubscriberApplication {

	public static void main(String[] args) {
		SpringApplication.run(AlexaSubscriberApplication.class, args);
	}

}
