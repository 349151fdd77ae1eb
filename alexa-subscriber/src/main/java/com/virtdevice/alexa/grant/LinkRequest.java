package com.virtdevice.alexa.grant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/alexa/grants}: the code of the {@code Alexa.Authorization.AcceptGrant}
 * directive and the user's region.
 *
 * @param code {@code payload.grant.code} of the AcceptGrant directive; valid for a few
 * minutes
 * @param region where the user's Alexa account lives: {@code NA}, {@code EU} or
 * {@code FE}
 */
record LinkRequest(@NotBlank @Size(max = 2048) String code, @NotNull Region region) {

	@Override
	public String toString() {
		return "LinkRequest[code=***, region=" + this.region + "]";
	}

}
