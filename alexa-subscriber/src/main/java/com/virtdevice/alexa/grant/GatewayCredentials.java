package com.virtdevice.alexa.grant;

/**
 * What a ChangeReport of a user needs: where to send it and the bearer token.
 *
 * @param userId the user
 * @param region the user's region, which picks the Event Gateway
 * @param accessToken the bearer token (also the report's scope token)
 */
public record GatewayCredentials(String userId, Region region, String accessToken) {

	@Override
	public String toString() {
		return "GatewayCredentials[userId=" + this.userId + ", region=" + this.region + ", accessToken=***]";
	}

}
