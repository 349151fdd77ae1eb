package com.virtdevice.activity.query;

import java.time.Instant;
import java.util.Set;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.EventType;
import com.virtdevice.support.security.HubPrincipal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ActivityFilterTest {

	private static final HubPrincipal READER = new HubPrincipal("alice", "acme", Set.of("activity:read"), "token");

	private static final HubPrincipal OPERATOR = new HubPrincipal("olga", "ops", Set.of("ops:read"), "token");

	@Test
	void fixesActivityReadersToTheirOwnTenant() {
		assertThat(ActivityFilter.of(query(null), READER).tenantId()).isEqualTo("acme");
		assertThat(ActivityFilter.of(query("acme"), READER).tenantId()).isEqualTo("acme");
	}

	@Test
	void refusesActivityReadersAnotherTenant() {
		assertThatExceptionOfType(OtherTenantForbidden.class)
			.isThrownBy(() -> ActivityFilter.of(query("globex"), READER));
	}

	@Test
	void letsOperatorsNameAnyTenantOrNone() {
		assertThat(ActivityFilter.of(query("globex"), OPERATOR).tenantId()).isEqualTo("globex");
		assertThat(ActivityFilter.of(query(null), OPERATOR).tenantId()).isNull();
	}

	@Test
	void readsSourceAndActionByTheirWireNames() {
		ActivityFilter filter = ActivityFilter.of(new ActivityQuery(null, "dev-1", "alice", "alexa", "powerState",
				"property_changed", null, null, null, null), READER);

		assertThat(filter.source()).isEqualTo(ChangeSource.ALEXA);
		assertThat(filter.action()).isEqualTo(EventType.PROPERTY_CHANGED);
		assertThat(filter.deviceId()).isEqualTo("dev-1");
		assertThat(filter.property()).isEqualTo("powerState");
	}

	@Test
	void namesTheAllowedValuesOfAnUnknownSourceOrAction() {
		assertThatExceptionOfType(InvalidActivityQuery.class)
			.isThrownBy(() -> ActivityFilter
				.of(new ActivityQuery(null, null, null, "ALEXA", null, null, null, null, null, null), READER))
			.withMessage("source must be one of alexa, ifttt, web, api");
		assertThatExceptionOfType(InvalidActivityQuery.class)
			.isThrownBy(() -> ActivityFilter
				.of(new ActivityQuery(null, null, null, null, null, "created", null, null, null, null), READER))
			.withMessage("action must be one of property_changed, device_created, device_deleted");
	}

	@Test
	void refusesATimeRangeThatEndsBeforeItStarts() {
		Instant from = Instant.parse("2026-02-01T00:00:00Z");

		assertThatExceptionOfType(InvalidActivityQuery.class).isThrownBy(() -> ActivityFilter
			.of(new ActivityQuery(null, null, null, null, null, null, from, from.minusMillis(1), null, null), READER));
		assertThat(
				ActivityFilter.of(new ActivityQuery(null, null, null, null, null, null, from, from, null, null), READER)
					.from())
			.isEqualTo(from);
	}

	private static ActivityQuery query(String tenantId) {
		return new ActivityQuery(tenantId, null, null, null, null, null, null, null, null, null);
	}

}
