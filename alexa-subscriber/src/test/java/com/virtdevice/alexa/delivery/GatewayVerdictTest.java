package com.virtdevice.alexa.delivery;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The Event Gateway table of docs/contract.md §7. */
class GatewayVerdictTest {

	@ParameterizedTest
	@CsvSource(nullValues = "-", textBlock = """
			202, -,                                 SENT
			200, -,                                 SENT
			400, INVALID_REQUEST_EXCEPTION,         DROP
			401, INVALID_ACCESS_TOKEN_EXCEPTION,    REFRESH_AND_RETRY
			401, -,                                 REFRESH_AND_RETRY
			403, SKILL_DISABLED_EXCEPTION,          UNLINK
			403, SKILL_NEVER_ENABLED_EXCEPTION,     UNLINK
			403, INSUFFICIENT_PERMISSION_EXCEPTION, NO_PERMISSION
			404, ACCOUNT_NOT_FOUND_EXCEPTION,       DROP
			404, SKILL_NOT_FOUND_EXCEPTION,         DROP_AND_UNLINK
			413, -,                                 DROP
			429, THROTTLING_EXCEPTION,              RETRY
			500, INTERNAL_SERVICE_EXCEPTION,        RETRY
			503, SERVICE_UNAVAILABLE_EXCEPTION,     RETRY
			502, -,                                 RETRY
			""")
	void followsTheGatewayTable(int status, String code, GatewayVerdict verdict) {
		assertThat(GatewayVerdict.of(new GatewayAnswer(status, code, null, null, null))).isEqualTo(verdict);
	}

	@ParameterizedTest
	@CsvSource({ "HttpConnectTimeoutException", "ConnectException: Connection refused" })
	void retriesNetworkFailures(String error) {
		assertThat(GatewayVerdict.of(GatewayAnswer.networkFailure(error))).isEqualTo(GatewayVerdict.RETRY);
	}

}
