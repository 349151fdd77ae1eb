package com.virtdevice.activity;

import java.nio.file.Path;

import com.virtdevice.testsupport.OpenApiDocument;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/openapi/activity-log.json} is what the service publishes. After an intended
 * API change, rerun with {@code -Dvirtdevice.openapi.write=true}.
 */
class OpenApiDocumentIT extends ActivityLogTestBase {

	private static final Path CHECKED_IN = Path.of("..", "docs", "openapi", "activity-log.json");

	@Test
	void checkedInDocumentMatchesThePublishedOne() {
		String live = this.api.get("/v3/api-docs", null).body();

		assertThat(OpenApiDocument.checkedIn(CHECKED_IN, live)).isEqualTo(OpenApiDocument.normalize(live));
	}

}
