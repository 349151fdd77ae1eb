// The VirtDevice dashboard: signs in with a JWT, shows the user's devices from the
// publisher's REST API with controls that fit each property, keeps them live over STOMP
// (/user/queue/device-updates), changes properties through the publisher (source "web"),
// and after a dropped connection resumes with "last-sequence" so no event is missed. The
// event log starts with the user's recent events from the publisher's replay API.
// Values stay strings on the wire (structured ones are JSON text): they are shown
// readably and sent back in the same form. Plain browser JavaScript, no build.
(() => {
	'use strict';

	const TOKEN_KEY = 'virtdevice.dashboard.token';
	const LOG_SIZE = 50;
	const RECONNECT_DELAY_MS = 2000;
	// The replay API reads forward from a sequence; the recent events are found by
	// stepping back from the latest sequence, a window at a time, a bounded number of times.
	const HISTORY_WINDOW = 1000;
	const HISTORY_STEPS = 5;

	const state = {
		config: null,
		token: null,
		claims: null,
		client: null,
		devices: new Map(),
		lastSequence: null,
		loadingDevices: false,
		eventsDuringLoad: [],
		logged: new Map(),
		updaters: new Map(),
		inFlight: new Map(),
	};

	const $ = (id) => document.getElementById(id);

	function element(tag, properties = {}, ...children) {
		const node = document.createElement(tag);
		Object.entries(properties).forEach(([name, value]) => {
			if (value === undefined || value === null) {
				return;
			}
			if (name.startsWith('data-') || name.startsWith('aria-') || name === 'for' || name === 'role') {
				node.setAttribute(name, value);
			}
			else {
				node[name] = value;
			}
		});
		children.forEach((child) => node.append(child));
		return node;
	}

	// ---- what properties are and how they read -------------------------------------

	const LABELS = {
		powerState: 'Power', brightness: 'Brightness', percentage: 'Level', color: 'Colour',
		colorTemperatureInKelvin: 'Colour temperature', targetSetpoint: 'Target temperature',
		lowerSetpoint: 'Heat to', upperSetpoint: 'Cool to', thermostatMode: 'Mode', temperature: 'Temperature',
		contact: 'Contact', motion: 'Motion', lockState: 'Lock', connectivity: 'Connection',
	};
	const ORDER = ['powerState', 'brightness', 'percentage', 'colorTemperatureInKelvin', 'color', 'thermostatMode',
		'targetSetpoint', 'lowerSetpoint', 'upperSetpoint', 'temperature', 'lockState', 'contact', 'motion',
		'connectivity'];
	const TYPES = { LIGHT: 'Light', SWITCH: 'Switch', PLUG: 'Plug', THERMOSTAT: 'Thermostat', LOCK: 'Lock',
		CONTACT_SENSOR: 'Contact sensor', MOTION_SENSOR: 'Motion sensor', TEMPERATURE_SENSOR: 'Temperature sensor' };
	const SCALES = { CELSIUS: '°C', FAHRENHEIT: '°F', KELVIN: 'K' };
	const MODES = ['AUTO', 'HEAT', 'COOL', 'ECO', 'OFF'];
	const SOURCES = { alexa: 'Alexa', ifttt: 'IFTTT', web: 'Web', api: 'API' };

	function label(property) {
		if (LABELS[property]) {
			return LABELS[property];
		}
		const instance = /^(toggle|range|mode):(.+)$/.exec(property);
		return instance ? instance[2] : property;
	}

	function typeName(type) {
		return TYPES[type] || (type || '').toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
	}

	function words(value) {
		return String(value).toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
	}

	function parsed(value) {
		if (typeof value !== 'string' || !/^\s*[{[]/.test(value)) {
			return null;
		}
		try {
			return JSON.parse(value);
		}
		catch (e) {
			return null;
		}
	}

	function measurement(value) {
		const object = parsed(value);
		return (object && typeof object.value === 'number') ? object : null;
	}

	function degrees(object) {
		return object.value.toFixed(1) + ' ' + (SCALES[object.scale] || object.scale || '');
	}

	// A readable value and, for status properties, how it should look.
	function describe(property, value) {
		if (value === null || value === undefined) {
			return { text: '—' };
		}
		const isSwitch = property === 'powerState' || property.startsWith('toggle:');
		if (isSwitch && (value === 'ON' || value === 'OFF')) {
			return { text: value === 'ON' ? 'On' : 'Off', tone: value === 'ON' ? 'ok' : 'neutral' };
		}
		if ((property === 'brightness' || property === 'percentage') && /^\d+$/.test(value)) {
			return { text: value + ' %' };
		}
		if (property === 'colorTemperatureInKelvin' && /^\d+$/.test(value)) {
			return { text: value + ' K' };
		}
		if (/Setpoint$/.test(property) || property === 'temperature') {
			const object = measurement(value);
			if (object) {
				return { text: degrees(object) };
			}
		}
		if (property === 'lockState') {
			const tones = { LOCKED: 'ok', UNLOCKED: 'warn', JAMMED: 'bad' };
			return { text: words(value), tone: tones[value] || 'neutral' };
		}
		if (property === 'contact') {
			const known = { DETECTED: ['Open', 'warn'], NOT_DETECTED: ['Closed', 'ok'] }[value];
			return known ? { text: known[0], tone: known[1] } : { text: words(value), tone: 'neutral' };
		}
		if (property === 'motion') {
			const known = { DETECTED: ['Motion', 'warn'], NOT_DETECTED: ['No motion', 'ok'] }[value];
			return known ? { text: known[0], tone: known[1] } : { text: words(value), tone: 'neutral' };
		}
		if (property === 'connectivity') {
			const object = parsed(value);
			const health = object ? object.value : value;
			return health === 'OK' ? { text: 'Online', tone: 'ok' }
				: { text: health === 'UNREACHABLE' ? 'Unreachable' : words(health), tone: 'bad' };
		}
		if (property === 'thermostatMode') {
			return { text: words(value) };
		}
		if (property === 'color') {
			const object = parsed(value);
			if (object && typeof object.hue === 'number') {
				return { text: 'Hue ' + Math.round(object.hue) + '°, saturation ' + Math.round(object.saturation * 100)
					+ ' %', swatch: 'hsl(' + object.hue + ' ' + (object.saturation * 100) + '% '
					+ (Math.max(object.brightness, 0.2) * 50) + '%)' };
			}
		}
		const object = parsed(value);
		if (object && !Array.isArray(object)) {
			return { text: Object.entries(object).map(([key, inner]) => key + ' ' + (typeof inner === 'object'
				? JSON.stringify(inner) : inner)).join(', ') };
		}
		return { text: value === '' ? '(empty)' : value };
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
		state.logged.clear();
		state.updaters.clear();
		$('devices').replaceChildren();
		$('log').replaceChildren();
		$('log-status').textContent = '';
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
					setConnection('reconnecting', navigator.onLine === false ? 'Offline, waiting for the network…'
						: 'Connection lost, reconnecting…');
				}
			},
		});
		state.client = client;
		setConnection('connecting', 'Connecting…');
		client.activate();
	}

	function reconnectNow() {
		const client = state.client;
		if (!client) {
			return;
		}
		setConnection('connecting', 'Reconnecting…');
		client.deactivate().then(() => {
			if (state.client === client) {
				client.activate();
			}
		});
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
			loadDevices().then(loadRecentEvents);
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
		$('connection-text').textContent = text;
		$('reconnect').hidden = !(stateName === 'reconnecting' || stateName === 'connecting') || !state.client;
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
			refreshLogNames();
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

	// The user's own recent events (a user token reads only its user's events there).
	async function loadRecentEvents() {
		if (!state.token) {
			return;
		}
		$('log-status').textContent = 'Loading recent events…';
		try {
			const latest = (await replayPage(0, 1)).latestSequence;
			let through = latest;
			const found = [];
			for (let step = 0; step < HISTORY_STEPS && through > 0 && found.length < LOG_SIZE; step++) {
				const after = Math.max(0, through - HISTORY_WINDOW);
				// At most HISTORY_WINDOW events lie in (after, through]: one page holds them.
				const page = await replayPage(after, HISTORY_WINDOW);
				found.push(...page.items.filter((event) => event.sequence <= through));
				through = after;
			}
			found.forEach(log);
			$('log-status').textContent = state.logged.size === 0 ? 'No events yet.' : '';
		}
		catch (e) {
			$('log-status').textContent = 'Could not load recent events: ' + e.message;
		}
	}

	async function replayPage(after, limit) {
		const response = await api('/api/events?afterSequence=' + after + '&limit=' + limit);
		if (!response.ok) {
			throw new Error(await problemText(response));
		}
		return response.json();
	}

	// One change at a time per property; a newer value asked for meanwhile is sent next.
	async function change(device, property, value) {
		const key = device.id + '\u0000' + property;
		if (state.inFlight.has(key)) {
			state.inFlight.set(key, { value: String(value) });
			return;
		}
		state.inFlight.set(key, null);
		try {
			const response = await api('/api/devices/' + encodeURIComponent(device.id) + '/properties/'
					+ encodeURIComponent(property), { method: 'PUT', body: JSON.stringify({ value: String(value), source: 'web' }) });
			$('devices-status').textContent = response.ok ? ''
				: 'Could not change ' + label(property) + ' of ' + device.name + ': ' + await problemText(response);
			if (!response.ok) {
				renderProperty(device, property, false);
			}
		}
		catch (e) {
			$('devices-status').textContent = 'Could not change ' + label(property) + ': ' + e.message;
			renderProperty(device, property, false);
		}
		finally {
			const next = state.inFlight.get(key);
			state.inFlight.delete(key);
			if (next && next.value !== device.properties[property]) {
				change(device, property, next.value);
			}
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

	// ---- device cards --------------------------------------------------------------

	function renderDevices() {
		const focused = document.activeElement && document.activeElement.id;
		state.updaters.clear();
		$('devices').replaceChildren(...[...state.devices.values()]
			.sort((a, b) => a.name.localeCompare(b.name))
			.map(deviceCard));
		if (focused && $(focused)) {
			$(focused).focus();
		}
	}

	function propertyOrder(a, b) {
		const rank = (name) => (ORDER.indexOf(name) < 0 ? ORDER.length : ORDER.indexOf(name));
		return rank(a) - rank(b) || a.localeCompare(b);
	}

	function deviceCard(device) {
		const headingId = 'd-' + device.id;
		const properties = element('dl', { className: 'properties' });
		Object.keys(device.properties).sort(propertyOrder)
			.forEach((name) => properties.append(propertyRow(device, name)));
		return element('li', { className: 'device', 'data-device-id': device.id, 'data-type': device.type,
			'aria-labelledby': headingId },
				element('div', { className: 'device-head' },
					element('span', { className: 'device-icon', 'aria-hidden': 'true' }),
					element('div', { className: 'device-title' },
						element('h3', { id: headingId, textContent: device.name }),
						element('p', { className: 'type', textContent: typeName(device.type) }))),
				properties, otherProperty(device));
	}

	function propertyRow(device, property) {
		const id = 'p-' + device.id + '-' + property;
		const valueText = element('span', { className: 'value', id: id + '-value' });
		const cell = element('dd', { 'data-property': property }, valueText);
		const row = element('div', { className: 'property' },
				element('dt', { textContent: label(property), id: id + '-label', title: property }), cell);
		const updater = controlFor(device, property, id, cell);
		const update = (value) => {
			const described = describe(property, value);
			cell.dataset.value = value ?? '';
			valueText.textContent = described.text;
			valueText.className = described.tone ? 'value badge' : 'value';
			if (described.tone) {
				valueText.dataset.tone = described.tone;
			}
			else {
				delete valueText.dataset.tone;
			}
			if (described.swatch) {
				valueText.style.setProperty('--swatch', described.swatch);
				valueText.classList.add('swatch');
			}
			row.dataset.kind = updater.kind;
			updater.update(value);
		};
		state.updaters.set(device.id + '\u0000' + property, update);
		update(device.properties[property]);
		return row;
	}

	// The control that fits a property; every control is a native, keyboard-operable one.
	function controlFor(device, property, id, cell) {
		const value = device.properties[property];
		const name = label(property) + ' of ' + device.name;
		if ((property === 'powerState' || property.startsWith('toggle:')) && (value === 'ON' || value === 'OFF')) {
			return switchControl(device, property, id, cell, name);
		}
		if ((property === 'brightness' || property === 'percentage') && /^\d+$/.test(value)) {
			return sliderControl(device, property, id, cell, name, { min: 0, max: 100, step: 1, unit: ' %' });
		}
		if (property === 'colorTemperatureInKelvin' && /^\d+$/.test(value)) {
			return sliderControl(device, property, id, cell, name,
					{ min: 1000, max: 10000, step: 100, unit: ' K', className: 'kelvin' });
		}
		if (/Setpoint$/.test(property) && measurement(value)) {
			return setpointControl(device, property, id, cell, name);
		}
		if (property === 'thermostatMode' && MODES.includes(value)) {
			return choiceControl(device, property, id, cell, name, MODES);
		}
		if (property === 'lockState' && /^(UN)?LOCKED$|^JAMMED$/.test(value)) {
			return lockControl(device, property, id, cell, name);
		}
		if (['contact', 'motion', 'connectivity', 'temperature'].includes(property)) {
			return { kind: 'status', update: () => {} };
		}
		return genericControl(device, property, id, cell, name);
	}

	function switchControl(device, property, id, cell, name) {
		const toggle = element('button', { type: 'button', id: id + '-control', className: 'switch control',
			role: 'switch', 'aria-label': name }, element('span', { className: 'knob', 'aria-hidden': 'true' }));
		let current = null;
		toggle.addEventListener('click', () => change(device, property, current === 'ON' ? 'OFF' : 'ON'));
		cell.append(toggle);
		return { kind: 'switch', update: (value) => {
			current = value;
			toggle.setAttribute('aria-checked', String(value === 'ON'));
		} };
	}

	function sliderControl(device, property, id, cell, name, range) {
		const slider = element('input', { type: 'range', id: id + '-control', min: range.min, max: range.max,
			step: range.step, className: 'control slider ' + (range.className || ''), 'aria-label': name });
		slider.addEventListener('input', () => {
			cell.querySelector('.value').textContent = slider.value + range.unit;
			slider.setAttribute('aria-valuetext', slider.value + range.unit);
		});
		slider.addEventListener('change', () => change(device, property, slider.value));
		cell.append(slider);
		return { kind: 'slider', update: (value) => {
			if (/^\d+$/.test(value)) {
				slider.value = value;
				slider.setAttribute('aria-valuetext', value + range.unit);
			}
		} };
	}

	function setpointControl(device, property, id, cell, name) {
		let current = null;
		const step = (delta) => {
			if (!current) {
				return;
			}
			const next = Math.round((current.value + delta) * 10) / 10;
			// The same JSON object back, only its value changed, with one decimal as it came.
			change(device, property, '{' + Object.entries(current).map(([key, inner]) => JSON.stringify(key) + ':'
				+ (key === 'value' ? next.toFixed(1) : JSON.stringify(inner))).join(',') + '}');
		};
		const down = element('button', { type: 'button', id: id + '-down', className: 'step secondary',
			textContent: '−', 'aria-label': 'Lower ' + name + ' by 0.5' });
		const up = element('button', { type: 'button', id: id + '-up', className: 'step secondary',
			textContent: '+', 'aria-label': 'Raise ' + name + ' by 0.5' });
		down.addEventListener('click', () => step(-0.5));
		up.addEventListener('click', () => step(0.5));
		cell.append(element('span', { className: 'control stepper', role: 'group', 'aria-label': name }, down, up));
		return { kind: 'stepper', update: (value) => {
			current = measurement(value);
		} };
	}

	function choiceControl(device, property, id, cell, name, choices) {
		const group = element('fieldset', { className: 'control segmented', id: id + '-control' },
				element('legend', { className: 'visually-hidden', textContent: name }));
		const radios = choices.map((choice) => {
			const radio = element('input', { type: 'radio', name: id, value: choice, id: id + '-' + choice });
			radio.addEventListener('change', () => {
				if (radio.checked) {
					change(device, property, choice);
				}
			});
			group.append(element('label', { for: radio.id }, radio, element('span', { textContent: words(choice) })));
			return radio;
		});
		cell.append(group);
		return { kind: 'choice', update: (value) => radios.forEach((radio) => {
			radio.checked = radio.value === value;
		}) };
	}

	function lockControl(device, property, id, cell, name) {
		const button = element('button', { type: 'button', id: id + '-control', className: 'control secondary' });
		let current = null;
		button.addEventListener('click', () => change(device, property, current === 'LOCKED' ? 'UNLOCKED' : 'LOCKED'));
		cell.append(button);
		return { kind: 'lock', update: (value) => {
			current = value;
			button.textContent = value === 'LOCKED' ? 'Unlock' : 'Lock';
			button.setAttribute('aria-label', button.textContent + ' ' + device.name);
		} };
	}

	// The fallback for a property without a control of its own: edit its text.
	function genericControl(device, property, id, cell, name) {
		const input = element('input', { id: id + '-control', autocomplete: 'off', spellcheck: false,
			'aria-label': name });
		const form = element('form', { className: 'control edit' }, input,
				element('button', { type: 'submit', className: 'secondary', textContent: 'Save',
					'aria-label': 'Save ' + name }));
		form.addEventListener('submit', (e) => {
			e.preventDefault();
			change(device, property, input.value);
		});
		const details = element('details', { className: 'control editor' },
				element('summary', { textContent: 'Edit', 'aria-label': 'Edit ' + name }), form);
		cell.append(details);
		return { kind: 'generic', update: (value) => {
			if (document.activeElement !== input) {
				input.value = value ?? '';
			}
		} };
	}

	function otherProperty(device) {
		const prefix = 'n-' + device.id;
		const name = element('input', { id: prefix + '-name', name: 'name', required: true, autocomplete: 'off',
			spellcheck: false, pattern: '[A-Za-z][A-Za-z0-9_.:\\-]{0,63}' });
		const value = element('input', { id: prefix + '-value', name: 'value', autocomplete: 'off', spellcheck: false });
		const form = element('form', { className: 'new-property' },
				element('label', { for: name.id, textContent: 'Property' }), name,
				element('label', { for: value.id, textContent: 'Value' }), value,
				element('button', { type: 'submit', className: 'secondary', textContent: 'Set' }));
		form.addEventListener('submit', (e) => {
			e.preventDefault();
			change(device, name.value.trim(), value.value);
		});
		return element('details', { className: 'other' },
				element('summary', { textContent: 'Set another property' }), form);
	}

	function renderProperty(device, property, highlight) {
		const update = state.updaters.get(device.id + '\u0000' + property);
		if (!update) {
			renderDevices();
			return;
		}
		update(device.properties[property]);
		if (highlight) {
			const card = [...document.querySelectorAll('#devices .device')].find((node) => node.dataset.deviceId === device.id);
			const value = card && [...card.querySelectorAll('dd')].find((node) => node.dataset.property === property)
				.querySelector('.value');
			if (value) {
				value.classList.remove('changed');
				void value.offsetWidth;
				value.classList.add('changed');
			}
		}
	}

	// ---- the event log -------------------------------------------------------------

	function ago(timestamp) {
		const seconds = Math.max(0, Math.round((Date.now() - Date.parse(timestamp)) / 1000));
		if (seconds < 10) {
			return 'just now';
		}
		if (seconds < 60) {
			return seconds + ' s ago';
		}
		if (seconds < 3600) {
			return Math.floor(seconds / 60) + ' min ago';
		}
		if (seconds < 86400) {
			return Math.floor(seconds / 3600) + ' h ago';
		}
		return new Date(timestamp).toLocaleDateString();
	}

	function deviceName(deviceId) {
		const device = state.devices.get(deviceId);
		return device ? device.name : deviceId;
	}

	function log(event) {
		if (state.logged.has(event.sequence)) {
			return;
		}
		const what = event.type === 'property_changed'
			? [element('span', { className: 'property-name', textContent: label(event.property) }), ' ',
				element('span', { className: 'old', textContent: describe(event.property, event.oldValue).text }),
				element('span', { className: 'arrow', textContent: ' → ' }),
				element('span', { className: 'new', textContent: describe(event.property, event.newValue).text })]
			: [element('span', { className: 'property-name', textContent: event.type === 'device_created'
				? 'Device added' : 'Device removed' })];
		const time = element('time', { dateTime: event.timestamp, textContent: ago(event.timestamp),
			title: new Date(event.timestamp).toLocaleString() });
		const row = element('li', { className: 'event', 'data-sequence': event.sequence, 'data-device-id': event.deviceId },
				element('p', { className: 'event-device', textContent: deviceName(event.deviceId) }),
				element('p', { className: 'event-change' }, ...what),
				element('p', { className: 'event-meta' },
					element('span', { className: 'source', 'data-source': event.source,
						textContent: SOURCES[event.source] || event.source }), ' · ', time));
		const body = $('log');
		const later = [...body.children].find((node) => Number(node.dataset.sequence) < event.sequence);
		body.insertBefore(row, later || null);
		state.logged.set(event.sequence, row);
		while (body.children.length > LOG_SIZE) {
			state.logged.delete(Number(body.lastElementChild.dataset.sequence));
			body.lastElementChild.remove();
		}
		$('log-status').textContent = '';
	}

	function refreshLogNames() {
		$('log').querySelectorAll('.event').forEach((row) => {
			row.querySelector('.event-device').textContent = deviceName(row.dataset.deviceId);
		});
	}

	function refreshTimes() {
		$('log').querySelectorAll('time').forEach((time) => {
			time.textContent = ago(time.dateTime);
		});
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
		$('reconnect').addEventListener('click', reconnectNow);
		window.addEventListener('online', reconnectNow);
		setInterval(refreshTimes, 15000);
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
