package com.virtdevice.dashboard.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resume replays no faster than the browser reads: the replay waits while the frames it
 * sent are not yet handed to the socket. (Without it, a browser resuming after a long
 * absence was sent hundreds of KB at once and closed for its send buffer.)
 */
class SessionOutboundBacklogTest {

	private final List<Message<?>> unhandled = new CopyOnWriteArrayList<>();

	/** An outbound channel whose socket has not taken anything yet. */
	private final MessageChannel slowSocket = (message, timeout) -> this.unhandled.add(message);

	private final SessionOutbound out = new SessionOutbound("session-1", this.slowSocket,
			new SendBacklogs(1500, Duration.ofMillis(200)));

	/** Hands every frame to the socket; the ordered channel then releases the next. */
	private void socketTakesEverything() {
		while (!this.unhandled.isEmpty()) {
			Message<?> message = this.unhandled.remove(0);
			SessionOutbound.handled(message);
			Runnable next = OrderedMessageChannelDecorator.getNextMessageTask(message);
			if (next != null) {
				next.run();
			}
		}
	}

	@Test
	void aReplayWaitsUntilTheSocketHasTakenMostOfWhatWasSent() {
		this.out.message("0", new byte[1000]);
		assertThat(this.out.backlog()).isEqualTo(1000);
		assertThat(this.out.awaitBacklogBelow()).as("room for more").isTrue();

		this.out.message("0", new byte[1000]);
		long started = System.nanoTime();
		assertThat(this.out.awaitBacklogBelow()).as("2000 bytes on the way, more than 1500").isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

		socketTakesEverything();
		assertThat(this.out.backlog()).isZero();
		assertThat(this.out.awaitBacklogBelow()).isTrue();
	}

}
