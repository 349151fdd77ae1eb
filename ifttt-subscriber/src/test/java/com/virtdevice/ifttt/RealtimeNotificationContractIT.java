package com.virtdevice.ifttt;

import java.time.Duration;
import java.util.List;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.testsupport.ContractSchema;
import com.virtdevice.testsupport.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bodies the service posts to IFTTT's Realtime API obey the hub's own schema
 * ({@code docs/schemas/ifttt-realtime-notification.schema.json}, written from
 * docs/contract.md §7.4): by user id and by trigger identity.
 */
class RealtimeNotificationContractIT extends IftttServiceTestBase {

	private final ContractSchema schema = ContractSchema.named(ContractSchema.IFTTT_REALTIME_NOTIFICATION);

	@Test
	void notificationsByUserIdAndByTriggerIdentityObeyTheSchema() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		String plug = newDevice(user, "Plug");
		String identity = "lamp-power-" + user;
		assertThat(poll(tokenFor(user),
				TriggerEndpointIT.body(identity, "{\"device_id\":\"" + lamp + "\",\"property\":\"powerState\"}", null))
			.statusCode()).isEqualTo(200);

		publisher.change(lamp, "powerState", "ON", ChangeSource.WEB);
		publisher.change(plug, "powerState", "ON", ChangeSource.API);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> !realtimeRequestsNaming(identity).isEmpty()
					&& !realtimeRequestsNaming(iftttId(user)).isEmpty());
		List<RecordedRequest> sent = ifttt.requests(REALTIME_PATH)
			.stream()
			.filter((request) -> entries(request).contains(identity) || entries(request).contains(iftttId(user)))
			.toList();
		for (RecordedRequest request : sent) {
			assertThat(this.schema.errors(request.bodyAsString())).as(request.bodyAsString()).isEmpty();
		}
	}

	@Test
	void theSchemaRefusesEventDataInANotification() {
		String user = newUser();
		publisher.change(newDevice(user, "Lamp"), "powerState", "ON", ChangeSource.WEB);
		await().atMost(Duration.ofSeconds(30)).until(() -> !realtimeRequestsNaming(iftttId(user)).isEmpty());
		String body = realtimeRequestsNaming(iftttId(user)).get(0).bodyAsString();
		assertThat(this.schema.errors(body)).isEmpty();

		assertThat(this.schema.errors(body.replace("{\"user_id\":", "{\"new_value\":\"ON\",\"user_id\":")))
			.isNotEmpty();
		assertThat(this.schema.errors("{\"data\":[]}")).isNotEmpty();
	}

}
