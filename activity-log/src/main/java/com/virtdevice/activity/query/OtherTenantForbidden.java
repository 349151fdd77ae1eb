package com.virtdevice.activity.query;

import java.io.Serial;

import com.virtdevice.support.web.HubProblem;

import org.springframework.http.HttpStatus;

/** {@code tenantId} named another tenant without scope {@code ops:read}: 403. */
class OtherTenantForbidden extends HubProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	OtherTenantForbidden() {
		super(HttpStatus.FORBIDDEN, "Scope activity:read covers your own tenant only; other tenants need ops:read");
	}

}
