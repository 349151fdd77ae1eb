package com.virtdevice.alexa.delivery;

/**
 * What to do with an answer of the Event Gateway: the table of docs/contract.md §7.
 */
enum GatewayVerdict {

	/** 2xx: done. */
	SENT,

	/** 401: refresh the token and try once more; unlink if that fails too. */
	REFRESH_AND_RETRY,

	/** 403 SKILL_DISABLED / SKILL_NEVER_ENABLED: the user has no enablement; unlink. */
	UNLINK,

	/**
	 * 403 INSUFFICIENT_PERMISSION: our skill lacks the permission; alert, keep the user.
	 */
	NO_PERMISSION,

	/** 400, 404 ACCOUNT_NOT_FOUND, other 4xx: do not retry. */
	DROP,

	/** 404 SKILL_NOT_FOUND: a token of another skill stage; drop and unlink. */
	DROP_AND_UNLINK,

	/** 429, 5xx, 408, network: try again later. */
	RETRY;

	static GatewayVerdict of(GatewayAnswer answer) {
		int status = answer.status();
		String code = (answer.code() != null) ? answer.code() : "";
		if (answer.networkError() != null || status == 0) {
			return RETRY;
		}
		if (status >= 200 && status < 300) {
			return SENT;
		}
		return switch (status) {
			case 401 -> REFRESH_AND_RETRY;
			case 403 -> switch (code) {
				case "SKILL_DISABLED_EXCEPTION", "SKILL_NEVER_ENABLED_EXCEPTION" -> UNLINK;
				case "INSUFFICIENT_PERMISSION_EXCEPTION" -> NO_PERMISSION;
				default -> DROP;
			};
			case 404 -> "SKILL_NOT_FOUND_EXCEPTION".equals(code) ? DROP_AND_UNLINK : DROP;
			case 408, 429 -> RETRY;
			default -> (status >= 500) ? RETRY : DROP;
		};
	}

}
