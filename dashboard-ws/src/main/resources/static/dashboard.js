// The VirtDevice dashboard: signs in with a JWT, shows the user's devices from the
// publisher's REST API, keeps them live over STOMP (/user/queue/device-updates), changes
// properties through the publisher (source "web"), and after a dropped connection
// resumes with "last-sequence" so no event is missed. Plain browser JavaScript, no build.
(() => {
	'use strict';

	const TOKEN_KEY = 'virtdevice.dashboard.token';
	const LOG_SIZE = 50;
	const RECONNECT_DELAY_MS = 2000;

	const state = {
		config: null,
		token: null,
		claims: null,
		client: null,
		devices: new Map(),
		lastSequence: null,
		loadingDevices: false,
		eventsDuringLoad: [],
	};

	const $ = (id) => document.getElementById(id);

	function element(tag, properties = {}, ...children) {
		const node = document.createElement(tag);
		Object.entries(properties).forEach(([name, value]) => {
			if (name.startsWith('data-') || name.startsWith('aria-') || name === 'for') {
				node.setAttribute(name, value);
			}
			else {
				node[name] = value;
			}
		});
		children.forEach((child) => node.append(child));
		return node;
	}

	// ---- sign-in -------------------------------------------------------------------

	function claimsOf(token) {
		const parts = token.split('.');
		if (parts.length !== 3) {
			throw new Error('not a JWT');
		}
		const binary = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
		return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
	}

	function signIn(token) {
		let claims;
		try {
			claims = claimsOf(token.trim());
		}
		catch (e) {
			showSignInError('That is not a valid JWT.');
			return;
		}
		if (claims.exp && claims.exp * 1000 < Date.now()) {
			showSignInError('This token has expired. Get a new one.');
			return;
		}
		state.token = token.trim();
		state.claims = claims;
		sessionStorage.setItem(TOKEN_KEY, state.token);
		showSignInError('');
		$('account-user').textContent = claims.sub;
		$('account-tenant').textContent = claims.tenant || '?';
		$('account').hidden = false;
		$('sign-in').hidden = true;
		$('devices-section').hidden = false;
		$('log-section').hidden = false;
		connect();
	}

	function signOut(reason) {
		if (state.client) {
			state.client.deactivate();
			state.client = null;
		}
		sessionStorage.removeItem(TOKEN_KEY);
		Object.assign(state, { token: null, claims: null, lastSequence: null, eventsDuringLoad: [] });
		state.devices.clear();
		$('devices').replaceChildren();
		$('log').replaceChildren();
		$('account').hidden = true;
		$('devices-section').hidden = true;
		$('log-section').hidden = true;
		$('sign-in').hidden = false;
		setConnection('signed-out', 'Not signed in');
		showSignInError(typeof reason === 'string' ? reason : '');
		$('token').focus();
	}

	function showSignInError(message) {
		$('sign-in-error').textContent = message;
	}

	async function devSignIn(event) {
		event.preventDefault();
		const form = event.target;
		const response = await fetch('/dev/sign-in', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ userId: form.userId.value, tenantId: form.tenantId.value }),
		});
		if (!response.ok) {
			showSignInError(await problemText(response));
			return;
		}
		signIn((await response.json()).token);
	}

	// ---- live updates over STOMP ---------------------------------------------------

	function connect() {
		const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
		const client = new StompJs.Client({
			brokerURL: scheme + location.host + state.config.stompEndpoint,
			connectHeaders: { Authorization: 'Bearer ' + state.token },
			reconnectDelay: RECONNECT_DELAY_MS,
			heartbeatIncoming: 10000,
			heartbeatOutgoing: 10000,
			onConnect: subscribe,
			onStompError: refused,
			onWebSocketClose: () => {
				if (state.client === client) {
					setConnection('reconnecting', 'Connection lost, reconnecting…');
				}
			},
		});
		state.client = client;
		setConnection('connecting', 'Connecting…');
		client.activate();
	}

	function subscribe() {
		const headers = {};
		const resuming = state.lastSequence !== null;
		if (resuming) {
			headers[state.config.lastSequenceHeader] = String(state.lastSequence);
		}
		state.client.subscribe(state.config.deviceUpdates, received, headers);
		setConnection('live', resuming ? 'Live (resumed after event ' + state.lastSequence + ')' : 'Live');
		if (!resuming) {
			// Subscribed first, then read the devices: nothing falls between the two.
			loadDevices();
		}
	}

	function refused(frame) {
		const reason = frame.headers.message || 'The server refused the connection';
		if (/token/i.test(reason)) {
			signOut(reason + '. Sign in again.');
		}
		else {
			setConnection('reconnecting', reason);
		}
	}

	function received(message) {
		const event = JSON.parse(message.body);
		if (state.lastSequence !== null && event.sequence <= state.lastSequence) {
			return;
		}
		state.lastSequence = event.sequence;
		if (state.loadingDevices) {
			state.eventsDuringLoad.push(event);
		}
		apply(event);
		log(event);
	}

	function apply(event) {
		const device = state.devices.get(event.deviceId);
		if (event.type === 'device_deleted') {
			state.devices.delete(event.deviceId);
			renderDevices();
		}
		else if (event.type === 'device_created' || !device) {
			if (!state.loadingDevices) {
				loadDevices();
			}
		}
		else {
			device.properties[event.property] = event.newValue;
			renderProperty(device, event.property, true);
		}
	}

	function setConnection(stateName, text) {
		const status = $('connection');
		status.dataset.state = stateName;
		status.textContent = text;
	}

	// ---- devices through the publisher's REST API ----------------------------------

	function api(path, options = {}) {
		return fetch(state.config.publisherUrl + path, {
			...options,
			headers: { Authorization: 'Bearer ' + state.token, 'Content-Type': 'application/json' },
		});
	}

	async function loadDevices() {
		state.loadingDevices = true;
		state.eventsDuringLoad = [];
		$('devices-status').textContent = 'Loading devices…';
		try {
			const response = await api('/api/devices');
			if (response.status === 401) {
				signOut('The publisher did not accept the token. Sign in again.');
				return;
			}
			if (!response.ok) {
				throw new Error(await problemText(response));
			}
			const body = await response.json();
			state.devices = new Map(body.items.map((device) => [device.id, device]));
			// Events that arrived while the list was on its way are newer or equal: re-apply.
			state.eventsDuringLoad.forEach((event) => {
				const device = state.devices.get(event.deviceId);
				if (device && event.type === 'property_changed') {
					device.properties[event.property] = event.newValue;
				}
			});
			renderDevices();
			$('devices-status').textContent = state.devices.size === 0 ? 'No devices yet.' : '';
		}
		catch (e) {
			$('devices-status').textContent = 'Could not load devices: ' + e.message;
		}
		finally {
			state.loadingDevices = false;
			state.eventsDuringLoad = [];
		}
	}

	async function change(device, property, value, control) {
		control.disabled = true;
		try {
			const response = await api('/api/devices/' + encodeURIComponent(device.id) + '/properties/'
					+ encodeURIComponent(property), { method: 'PUT', body: JSON.stringify({ value: String(value), source: 'web' }) });
			$('devices-status').textContent = response.ok ? ''
				: 'Could not change ' + property + ' of ' + device.name + ': ' + await problemText(response);
		}
		catch (e) {
			$('devices-status').textContent = 'Could not change ' + property + ': ' + e.message;
		}
		finally {
			control.disabled = false;
		}
	}

	async function problemText(response) {
		try {
			const problem = await response.json();
			return problem.detail || problem.title || response.statusText;
		}
		catch (e) {
			return response.status + ' ' + response.statusText;
		}
	}

	// ---- rendering -----------------------------------------------------------------

	function renderDevices() {
		const list = $('devices');
		list.replaceChildren(...[...state.devices.values()]
			.sort((a, b) => a.name.localeCompare(b.name))
			.map(deviceCard));
	}

	function deviceCard(device) {
		const properties = element('dl');
		Object.keys(device.properties).sort().forEach((name) => properties.append(...propertyRow(device, name)));
		const name = element('input', { name: 'name', required: true, autocomplete: 'off', placeholder: 'property',
			'aria-label': 'Name of the property to set on ' + device.name });
		const value = element('input', { name: 'value', autocomplete: 'off', placeholder: 'value',
			'aria-label': 'Value to set' });
		const add = element('form', { className: 'new-property', 'aria-label': 'Set a property of ' + device.name },
				name, value, element('button', { type: 'submit', className: 'secondary', textContent: 'Set' }));
		add.addEventListener('submit', (e) => {
			e.preventDefault();
			change(device, name.value.trim(), value.value, add.querySelector('button'));
		});
		return element('li', { className: 'device', 'data-device-id': device.id, 'aria-label': device.name },
				element('h3', { textContent: device.name }),
				element('p', { className: 'type', textContent: device.type }),
				properties, add);
	}

	function propertyRow(device, property) {
		const id = 'p-' + device.id + '-' + property;
		const valueText = element('span', { className: 'value', id: id + '-value', 'data-property': property });
		const cell = element('dd', { 'data-property': property }, valueText);
		fillControl(cell, device, property);
		return [element('dt', { textContent: property, id: id + '-label' }), cell];
	}

	function fillControl(cell, device, property) {
		const value = device.properties[property];
		cell.querySelector('.value').textContent = value;
		cell.querySelectorAll('.control').forEach((control) => control.remove());
		if (property === 'powerState') {
			const on = value === 'ON';
			const toggle = element('button', { type: 'button', className: 'control', 'aria-pressed': String(on),
				textContent: on ? 'Turn off' : 'Turn on', 'aria-label': (on ? 'Turn off ' : 'Turn on ') + device.name });
			toggle.addEventListener('click', () => change(device, property, on ? 'OFF' : 'ON', toggle));
			cell.append(toggle);
		}
		else if (property === 'brightness' && /^\d+$/.test(value)) {
			const slider = element('input', { type: 'range', min: 0, max: 100, step: 1, value: value, className: 'control',
				'aria-label': 'Brightness of ' + device.name });
			slider.addEventListener('change', () => change(device, property, slider.value, slider));
			cell.append(slider);
		}
		else {
			const input = element('input', { value: value ?? '', autocomplete: 'off', 'aria-label': property + ' of ' + device.name });
			const edit = element('form', { className: 'control' }, input,
					element('button', { type: 'submit', className: 'secondary', textContent: 'Save' }));
			edit.addEventListener('submit', (e) => {
				e.preventDefault();
				change(device, property, input.value, edit.querySelector('button'));
			});
			cell.append(edit);
		}
	}

	function renderProperty(device, property, highlight) {
		const card = [...document.querySelectorAll('#devices .device')].find((node) => node.dataset.deviceId === device.id);
		const cell = card && [...card.querySelectorAll('dd')].find((node) => node.dataset.property === property);
		if (!cell) {
			renderDevices();
			return;
		}
		fillControl(cell, device, property);
		if (highlight) {
			const value = cell.querySelector('.value');
			value.classList.remove('changed');
			void value.offsetWidth;
			value.classList.add('changed');
		}
	}

	function log(event) {
		const device = state.devices.get(event.deviceId);
		const when = new Date(event.timestamp);
		const what = event.type === 'property_changed'
			? event.property + ': ' + (event.oldValue ?? '—') + ' → ' + event.newValue
			: event.type.replace('device_', 'device ');
		const row = element('tr', { 'data-sequence': event.sequence },
				element('td', {}, element('time', { dateTime: event.timestamp, textContent: when.toLocaleTimeString() })),
				element('td', { textContent: device ? device.name : event.deviceId }),
				element('td', { textContent: what }),
				element('td', { textContent: event.source }));
		const body = $('log');
		body.prepend(row);
		while (body.rows.length > LOG_SIZE) {
			body.deleteRow(body.rows.length - 1);
		}
	}

	// ---- start ---------------------------------------------------------------------

	async function start() {
		state.config = await (await fetch('/dashboard/config')).json();
		$('dev-form').hidden = !state.config.devSignIn;
		$('token-form').addEventListener('submit', (e) => {
			e.preventDefault();
			signIn($('token').value);
		});
		$('dev-form').addEventListener('submit', devSignIn);
		$('sign-out').addEventListener('click', () => signOut(''));
		const saved = sessionStorage.getItem(TOKEN_KEY);
		if (saved) {
			signIn(saved);
		}
	}

	// For operators and tests: where the page stands, and a way to drop the connection.
	window.virtdeviceDashboard = {
		lastSequence: () => state.lastSequence,
		dropConnection: () => state.client && state.client.forceDisconnect(),
	};

	start().catch((e) => showSignInError('The dashboard could not start: ' + e.message));
})();
