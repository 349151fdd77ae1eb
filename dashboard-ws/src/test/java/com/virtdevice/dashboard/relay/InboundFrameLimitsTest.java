package com.virtdevice.dashboard.relay;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class InboundFrameLimitsTest {

	private final AtomicLong now = new AtomicLong();

	private final InboundFrameLimits limits = new InboundFrameLimits(10, 5, 3, this.now::get);

	@Test
	void refusesAFloodOfFramesBeyondTheBurstAndAllowsTheSustainedRate() {
		for (int i = 0; i < 5; i++) {
			send("s1", StompCommand.ACK, null);
		}
		assertThatExceptionOfType(StompRefusal.class).isThrownBy(() -> send("s1", StompCommand.ACK, null))
			.withMessageContaining("Too many frames");

		this.now.addAndGet(1_000_000_000L);
		for (int i = 0; i < 5; i++) {
			send("s2", StompCommand.ACK, null);
			this.now.addAndGet(100_000_000L);
		}
		assertThatNoException().isThrownBy(() -> send("s2", StompCommand.ACK, null));
	}

	@Test
	void refusesMoreSubscriptionsThanTheLimitButCountsUnsubscribes() {
		this.now.addAndGet(1_000_000_000L);
		send("s1", StompCommand.SUBSCRIBE, "a");
		send("s1", StompCommand.SUBSCRIBE, "b");
		send("s1", StompCommand.UNSUBSCRIBE, "b");
		send("s1", StompCommand.SUBSCRIBE, "c");
		send("s1", StompCommand.SUBSCRIBE, "d");
		this.now.addAndGet(1_000_000_000L);

		assertThatExceptionOfType(StompRefusal.class).isThrownBy(() -> send("s1", StompCommand.SUBSCRIBE, "e"))
			.withMessageContaining("Too many subscriptions");
	}

	@Test
	void forgetsASessionWhenItEnds() {
		send("s1", StompCommand.SUBSCRIBE, "a");
		send("s2", StompCommand.SUBSCRIBE, "a");

		send("s1", StompCommand.DISCONNECT, null);

		assertThat(this.limits.sessions()).isEqualTo(1);
	}

	private void send(String session, StompCommand command, String subscription) {
		StompHeaderAccessor frame = StompHeaderAccessor.create(command);
		frame.setSessionId(session);
		if (subscription != null) {
			frame.setSubscriptionId(subscription);
			frame.setDestination(StompProtocol.DEVICE_UPDATES);
		}
		Message<byte[]> message = MessageBuilder.createMessage(new byte[0], frame.getMessageHeaders());
		this.limits.preSend(message, null);
	}

}
