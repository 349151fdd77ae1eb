package com.virtdevice.ifttt.realtime;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.ifttt.identity.IftttUser;
import com.virtdevice.ifttt.identity.TriggerIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationsTest {

	private long sequence;

	@Test
	void notifiesTheUserWhenNoTriggerIdentityIsKnown() {
		assertThat(Notifications.forChanges(List.of(change("u1", "lamp", "powerState")), List.of()))
			.containsExactly(Notification.user(new IftttUser("t1", "u1")));
	}

	@Test
	void notifiesEveryTriggerIdentityWhoseFieldsMatchInsteadOfTheUser() {
		List<TriggerIdentity> identities = List.of(new TriggerIdentity("any", "u1", "t1", null, null),
				new TriggerIdentity("lamp-power", "u1", "t1", "lamp", "powerState"),
				new TriggerIdentity("lamp-any", "u1", "t1", "lamp", null),
				new TriggerIdentity("power-any", "u1", "t1", null, "powerState"),
				new TriggerIdentity("plug", "u1", "t1", "plug", null),
				new TriggerIdentity("brightness", "u1", "t1", null, "brightness"));

		assertThat(Notifications.forChanges(List.of(change("u1", "lamp", "powerState")), identities)).containsExactly(
				Notification.triggerIdentity("any"), Notification.triggerIdentity("lamp-power"),
				Notification.triggerIdentity("lamp-any"), Notification.triggerIdentity("power-any"));
	}

	@Test
	void notifiesTheUserWhenTheUsersIdentitiesDoNotMatchTheChange() {
		List<TriggerIdentity> identities = List.of(new TriggerIdentity("plug", "u1", "t1", "plug", null));

		assertThat(Notifications.forChanges(List.of(change("u1", "lamp", "powerState")), identities))
			.containsExactly(Notification.user(new IftttUser("t1", "u1")));
	}

	@Test
	void neverUsesAnotherUsersOrTenantsIdentity() {
		List<TriggerIdentity> identities = List.of(new TriggerIdentity("other-user", "u2", "t1", null, null),
				new TriggerIdentity("other-tenant", "u1", "t2", null, null));

		assertThat(Notifications.forChanges(List.of(change("u1", "lamp", "powerState")), identities))
			.containsExactly(Notification.user(new IftttUser("t1", "u1")));
	}

	@Test
	void namesEachIdentityAndUserOnceInOrderOfFirstChange() {
		List<TriggerIdentity> identities = List.of(new TriggerIdentity("lamp", "u1", "t1", "lamp", null));

		assertThat(
				Notifications.forChanges(List.of(change("u2", "plug", "powerState"), change("u1", "lamp", "powerState"),
						change("u2", "plug", "powerState"), change("u1", "lamp", "brightness")), identities))
			.containsExactly(Notification.user(new IftttUser("t1", "u2")), Notification.triggerIdentity("lamp"));
	}

	/**
	 * Issue 16: IFTTT users were named by the user id alone, so the same id in two
	 * tenants was one IFTTT user, and a change in one tenant made IFTTT poll the other's
	 * applets.
	 */
	@Test
	void namesTheSameUserIdInTwoTenantsAsTwoIftttUsers() {
		DeviceStateEvent inT2 = DeviceStateEvent.propertyChanged(UUID.randomUUID(), ++this.sequence, "plug", "u1", "t2",
				"powerState", null, "ON", ChangeSource.WEB, Instant.now());

		assertThat(Notifications.forChanges(List.of(change("u1", "lamp", "powerState"), inT2), List.of()))
			.containsExactly(Notification.user(new IftttUser("t1", "u1")), Notification.user(new IftttUser("t2", "u1")))
			.extracting(Notification::value)
			.containsExactly("t1:u1", "t2:u1");
	}

	@Test
	void encodesTheTenantAndTheUserSoThatNoTwoPairsShareAnId() {
		assertThat(new IftttUser("a:b", "c").iftttId()).isNotEqualTo(new IftttUser("a", "b:c").iftttId())
			.isEqualTo("a%3Ab:c");
	}

	private DeviceStateEvent change(String user, String device, String property) {
		return DeviceStateEvent.propertyChanged(UUID.randomUUID(), ++this.sequence, device, user, "t1", property, null,
				"ON", ChangeSource.WEB, Instant.now());
	}

}
