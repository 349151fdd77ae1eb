package com.virtdevice.ifttt;

import java.net.http.HttpResponse;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.testsupport.ContractSchema;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's answers to trigger polls obey the hub's own schema
 * ({@code docs/schemas/ifttt-trigger-response.schema.json}, written from docs/contract.md
 * §7.5) in every build, whether or not IFTTT's OpenAPI definition is around
 * ({@link IftttServiceApiConformanceIT} checks against that one).
 */
class TriggerResponseContractIT extends IftttServiceTestBase {

	private final ContractSchema schema = ContractSchema.named(ContractSchema.IFTTT_TRIGGER_RESPONSE);

	@Test
	void everyKindOfTriggerItemObeysTheSchema() {
		String user = newUser();
		String lamp = newDevice(user, "Kitchen light");
		changeAndStore(lamp, "powerState", "ON", ChangeSource.WEB);
		changeAndStore(lamp, "brightness", "40", ChangeSource.ALEXA);
		changeAndStore(lamp, "mode:Wash.Cycle", "x".repeat(1024), ChangeSource.IFTTT);
		String unnamed = newDevice(user, "Unnamed");
		publisher.http().respond("/api/devices/" + unnamed, Response.json(404, "{}"));
		changeAndStore(unnamed, "powerState", "ON", ChangeSource.API);

		HttpResponse<String> response = poll(tokenFor(user), TriggerEndpointIT.body("id-" + user, "{}", null));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).path("data").size()).isEqualTo(4);
		assertThat(json(response).path("data").get(0).has("device_name")).as("unknown name left out").isFalse();
		assertThat(json(response).path("data").get(3).path("old_value").asString()).isEqualTo("OFF");
		assertThat(this.schema.errors(response.body())).as(response.body()).isEmpty();
	}

	@Test
	void emptyAndFilteredAnswersObeyTheSchema() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		changeAndStore(lamp, "powerState", "ON", ChangeSource.WEB);
		String token = tokenFor(user);

		HttpResponse<String> none = poll(token, TriggerEndpointIT.body("none-" + user, "{}", 0));
		HttpResponse<String> filtered = poll(token, TriggerEndpointIT.body("lamp-" + user,
				"{\"device_id\":\"" + lamp + "\",\"property\":\"powerState\"}", 1));

		assertThat(json(none).path("data").size()).isZero();
		assertThat(this.schema.errors(none.body())).as(none.body()).isEmpty();
		assertThat(json(filtered).path("data").size()).isOne();
		assertThat(this.schema.errors(filtered.body())).as(filtered.body()).isEmpty();
	}

	@Test
	void theSchemaRefusesWhatIftttCouldNotUse() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		changeAndStore(lamp, "powerState", "ON", ChangeSource.WEB);
		String valid = poll(tokenFor(user), TriggerEndpointIT.body("id-" + user, "{}", null)).body();
		assertThat(this.schema.errors(valid)).isEmpty();

		assertThat(this.schema.errors(valid.replace("\"new_value\":\"ON\"", "\"new_value\":1"))).isNotEmpty();
		assertThat(this.schema.errors(valid.replaceFirst("\"timestamp\":(\\d+)", "\"timestamp\":\"$1\""))).isNotEmpty();
		assertThat(this.schema.errors(valid.replace("\"source\":\"web\"", "\"source\":\"voice\""))).isNotEmpty();
		assertThat(this.schema.errors(valid.replace("\"meta\":", "\"extra\":1,\"meta\":"))).isNotEmpty();
	}

}
