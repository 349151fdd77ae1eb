package com.virtdevice.alexa.state;

import java.net.http.HttpClient;
import java.time.Clock;

import com.virtdevice.alexa.AlexaProperties;
import com.virtdevice.support.events.PublisherClientProperties;
import com.virtdevice.support.security.ServiceTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class StateConfiguration {

	@Bean
	PublisherDevices publisherDevices(PublisherClientProperties publisher, ServiceTokens tokens,
			AlexaProperties properties, RestClient.Builder builder) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
		requests.setReadTimeout(properties.requestTimeout());
		return new PublisherDevices(builder.clone().baseUrl(publisher.url()).requestFactory(requests).build(), tokens);
	}

	@Bean
	DeviceSnapshots deviceSnapshots(JdbcClient jdbc, TransactionTemplate transactions, PublisherDevices publisher,
			Clock clock) {
		return new DeviceSnapshots(jdbc, transactions, publisher, clock);
	}

}
