package com.virtdevice.events;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChannelsTest {

	private final Channels channels = Channels.standard();

	@Test
	void namesTheSpecChannels() {
		assertThat(this.channels.deviceState("d-1")).isEqualTo("device:d-1:state");
		assertThat(this.channels.userEvents("u-1")).isEqualTo("user:u-1:events");
		assertThat(this.channels.globalEvents()).isEqualTo("global:events");
		assertThat(this.channels.deviceStatePattern()).isEqualTo("device:*:state");
		assertThat(this.channels.userEventsPattern()).isEqualTo("user:*:events");
	}

	@Test
	void putsANamespaceInFrontOfEveryName() {
		Channels test = Channels.namespaced("run-42");

		assertThat(test.deviceState("d-1")).isEqualTo("run-42:device:d-1:state");
		assertThat(test.userEvents("u-1")).isEqualTo("run-42:user:u-1:events");
		assertThat(test.globalEvents()).isEqualTo("run-42:global:events");
		assertThat(test.deviceStatePattern()).isEqualTo("run-42:device:*:state");
		assertThat(test.userEventsPattern()).isEqualTo("run-42:user:*:events");
		assertThat(test.namespace()).isEqualTo("run-42");
		assertThat(Channels.namespaced(" ")).isSameAs(Channels.standard());
	}

	@ParameterizedTest
	@ValueSource(strings = { "a:b", "a*", "a?", "a[1]", "a b", "a\tb", "a\nb", "", "back\\slash" })
	void rejectsIdsThatWouldBreakAChannelName(String id) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.channels.deviceState(id))
			.withMessageContaining("cannot be part of a channel name");
		assertThatIllegalArgumentException().isThrownBy(() -> this.channels.userEvents(id));
		assertThat(Channels.isChannelSafe(id)).isFalse();
	}

	@Test
	void rejectsIdsLongerThan128Characters() {
		assertThat(Channels.isChannelSafe("x".repeat(128))).isTrue();
		assertThat(Channels.isChannelSafe("x".repeat(129))).isFalse();
	}

	@Test
	void rejectsANamespaceThatCouldBreakChannelNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> Channels.namespaced("a:b"));
		assertThatIllegalArgumentException().isThrownBy(() -> Channels.namespaced("a*"));
	}

	@Test
	void readsTheIdBackFromAChannelOfItsOwnNamespaceOnly() {
		Channels test = Channels.namespaced("t1");

		assertThat(this.channels.deviceIdOf("device:d-1:state")).contains("d-1");
		assertThat(this.channels.userIdOf("user:auth0|7:events")).contains("auth0|7");
		assertThat(test.deviceIdOf("t1:device:d-1:state")).contains("d-1");
		assertThat(test.deviceIdOf("device:d-1:state")).isEmpty();
		assertThat(this.channels.deviceIdOf("t1:device:d-1:state")).isEmpty();
		assertThat(this.channels.deviceIdOf("device::state")).isEmpty();
		assertThat(this.channels.deviceIdOf("device:a:b:state")).isEmpty();
		assertThat(this.channels.userIdOf("device:d-1:state")).isEmpty();
	}

	@Test
	void publishesPropertyChangesToDeviceAndUserAndLifecycleToUserAndGlobal() {
		Instant now = Instant.now();
		DeviceStateEvent change = DeviceStateEvent.propertyChanged(UUID.randomUUID(), 1, "d", "u", "t", "p", null, "v",
				ChangeSource.API, now);
		DeviceStateEvent deleted = DeviceStateEvent.lifecycle(EventType.DEVICE_DELETED, UUID.randomUUID(), 2, "d", "u",
				"t", ChangeSource.API, now);

		assertThat(this.channels.channelsFor(change)).containsExactly("device:d:state", "user:u:events");
		assertThat(this.channels.channelsFor(deleted)).containsExactly("user:u:events", "global:events");
	}

}
