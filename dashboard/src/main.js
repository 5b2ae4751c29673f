// The cluster dashboard: signs in, follows /api/cluster/stream (one update a second, no reloads),
// filters by namespace and region, drills down node → room → peers, and runs admin actions after a
// confirmation. A cluster with more rooms than the feed's limit comes as summaries (no rooms, no peers):
// then an open node or room is read from the admin API, every 2 s while it stays open.
import { Charts } from './charts.js';
import { setHtml, forget, keyedList, keyedTable } from './dom.js';
import { esc, clock, count, regionPrefixes } from './format.js';
import { filterNodes, totals, byNodeRegion, byPeerRegion, users, series, links, isSummary, summaryPeerRegions,
	summaryNodesPeerRegions } from './model.js';
import { openStream } from './stream.js';
import {
	kpisHtml, nodeCardParts, regionsHtml, peerRegionsHtml, userColumns, userKey,
	NODE_SKELETON, nodeDetailParts, workerColumns, mediaHostColumns, roomItemHtml, ROOM_SKELETON, roomDetailParts,
	roomLegItemHtml, linkColumns, legColumns
} from './views.js';

const TOKEN_KEY = 'mscluster.adminToken';
const enc = encodeURIComponent;
const $ = (id) => document.getElementById(id);

const state = {
	token       : sessionStorage.getItem(TOKEN_KEY) || '',
	view        : null,
	points      : [],
	windowMs    : 15 * 60 * 1000,
	filters     : { namespace: '', region: '' },
	search      : '',
	stream      : null,
	charts      : null,
	lastUpdate  : 0,
	renderedRoute : null,
	// In summary mode, the node or room open on the page as the admin API gave it (see `follow`).
	detail      : { path: null, status: 0, body: null, timer: null }
};
const DETAIL_EVERY_MS = 2000;

// ---------------------------------------------------------------- sign-in and the stream

function connect()
{
	if (state.stream) state.stream.close();
	setLive('connecting');
	state.stream = openStream({
		url     : '/api/cluster/stream',
		token   : state.token,
		onEvent : onEvent,
		onState : (s, error) =>
		{
			if (s === 'auth') showSignIn(state.token ? error.message : '');
			else setLive(s);
		}
	});
}

function onEvent(type, data)
{
	if (type === 'history')
	{
		state.points = data.points;
		state.windowMs = data.windowMillis || state.windowMs;
		return;
	}
	if (type !== 'cluster') return;
	state.view = data;
	if (data.point) state.points.push(data.point);
	const oldest = data.point ? data.point.t - state.windowMs : 0;
	while (state.points.length && state.points[0].t < oldest) state.points.shift();
	state.lastUpdate = Date.now();
	showApp();
	render();
}

function showSignIn(message)
{
	if (state.stream) state.stream.close();
	state.stream = null;
	$('app').hidden = true;
	$('signin').hidden = false;
	const error = $('signin-error');
	error.hidden = !message;
	error.textContent = message || '';
	$('token-input').focus();
}

function showApp()
{
	if (!$('app').hidden) return;
	$('signin').hidden = true;
	$('app').hidden = false;
	if (!state.charts) state.charts = new Charts();
}

function setLive(s)
{
	const live = $('live');
	live.dataset.state = s;
	$('live-text').textContent = s === 'live' ? 'Live' : s === 'down' ? 'Reconnecting…' : 'Connecting…';
}

$('signin-form').addEventListener('submit', (event) =>
{
	event.preventDefault();
	state.token = $('token-input').value.trim();
	sessionStorage.setItem(TOKEN_KEY, state.token);
	$('signin-error').hidden = true;
	connect();
});

$('signout').addEventListener('click', () =>
{
	sessionStorage.removeItem(TOKEN_KEY);
	state.token = '';
	state.view = null;
	follow(null);
	$('token-input').value = '';
	showSignIn('');
});

// ---------------------------------------------------------------- routing: #/, #/node/ID, #/room/NODE/NS/ROOM

function route()
{
	const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
	if (parts[0] === 'node' && parts[1]) return { name: 'node', node: parts[1] };
	if (parts[0] === 'room' && parts.length >= 4) return { name: 'room', node: parts[1], namespace: parts[2], room: parts.slice(3).join('/') };
	return { name: 'cluster' };
}

function go(hash)
{
	if (location.hash !== hash) location.hash = hash;
	else render();
}

window.addEventListener('hashchange', () =>
{
	window.scrollTo(0, 0);
	render();
});

// ---------------------------------------------------------------- filters

$('filter-namespace').addEventListener('change', (e) =>
{
	state.filters.namespace = e.target.value;
	render();
});
$('filter-region').addEventListener('change', (e) =>
{
	state.filters.region = e.target.value;
	render();
});
$('user-search').addEventListener('input', (e) =>
{
	state.search = e.target.value.trim().toLowerCase();
	render();
});

function fillSelect(select, values, current, allLabel)
{
	const html = [ `<option value="">${allLabel}</option>` ]
		.concat(values.map((v) => `<option value="${esc(v)}"${v === current ? ' selected' : ''}>${esc(v)}</option>`)).join('');
	setHtml(select, html);
	select.value = current;
}

// ---------------------------------------------------------------- summary mode: one node or room from the admin API

/**
 * Reads `path` now and every 2 s until another path (or none) is followed, rendering after each answer.
 * The latest answer stays in `state.detail`: its status (0 until the first one) and its body when 200.
 */
function follow(path)
{
	if (state.detail.path === path) return;
	clearInterval(state.detail.timer);
	const detail = { path, status: 0, body: null, timer: null };
	state.detail = detail;
	if (!path) return;
	const read = async () =>
	{
		try
		{
			const headers = state.token ? { Authorization: `Bearer ${state.token}` } : {};
			const response = await fetch(path, { headers, cache: 'no-store' });
			const body = await response.json().catch(() => null);
			if (state.detail !== detail) return;
			detail.status = response.status;
			detail.body = response.ok ? body : null;
		}
		catch (error)
		{
			return; // the network: the last answer stands, the next read tries again
		}
		render();
	};
	detail.timer = setInterval(read, DETAIL_EVERY_MS);
	read();
}

// ---------------------------------------------------------------- rendering

function render()
{
	const view = state.view;
	if (!view) return;
	const scope = view.scope || {};
	const canDrain = Boolean(scope.operator);
	$('scope').textContent = scope.operator ? 'Operator · all namespaces' : `Admin · ${scope.namespace}`;

	// A namespace admin has one namespace: no choice to offer.
	const namespaces = scope.operator ? view.namespaces : [];
	$('filter-namespace').closest('.select').hidden = !scope.operator;
	fillSelect($('filter-namespace'), namespaces.includes(state.filters.namespace) || !state.filters.namespace
		? namespaces : namespaces.concat(state.filters.namespace), state.filters.namespace, 'All');
	fillSelect($('filter-region'), regionPrefixes(view.nodes.map((n) => n.region)), state.filters.region, 'All');

	const nodes = filterNodes(view, state.filters);
	const r = route();
	const summary = isSummary(view);
	follow(!summary ? null
		: r.name === 'node' ? `/api/nodes/${enc(r.node)}`
			: r.name === 'room' ? `/api/rooms/${enc(r.namespace)}/${enc(r.room)}` : null);
	$('cluster-view').hidden = r.name !== 'cluster';
	$('node-view').hidden = r.name !== 'node';
	$('room-view').hidden = r.name !== 'room';
	renderCrumbs(r, view);
	if (r.name === 'cluster') renderCluster(nodes, canDrain);
	else if (r.name === 'node') renderNode(view, r, canDrain);
	else renderRoom(view, r);
	setHtml($('foot'), `Updated ${clock(Date.parse(view.time))}:${String(new Date(view.time).getSeconds()).padStart(2, '0')} · ${view.nodes.length} nodes reporting`);
}

function renderCrumbs(r, view)
{
	const crumbs = [ r.name === 'cluster' ? '<span class="here">Cluster</span>' : '<a href="#/">Cluster</a>' ];
	if (r.name !== 'cluster')
	{
		const node = view.nodes.find((n) => n.id === r.node);
		const label = esc(node ? node.name : r.node);
		crumbs.push('<span class="sep">›</span>', r.name === 'node' ? `<span class="here">${label}</span>`
			: `<a href="#/node/${encodeURIComponent(r.node)}">${label}</a>`);
	}
	if (r.name === 'room') crumbs.push('<span class="sep">›</span>', `<span class="here">${esc(r.room)}</span>`);
	setHtml($('crumbs'), crumbs.join(''));
}

function renderCluster(nodes, canDrain)
{
	const summary = isSummary(state.view);
	const filtered = state.filters.namespace || state.filters.region;
	// The summary's totals count a room across nodes once; the nodes' figures alone cannot, so they serve
	// only when filters pick some nodes.
	const t = summary && !filtered ? state.view.totals : totals(nodes);
	setHtml($('kpis'), kpisHtml(t));
	const now = state.points.length ? state.points[state.points.length - 1].t : Date.now();
	state.charts.update(series(state.points, state.filters), now - state.windowMs, now);
	setHtml($('nodes-count'), `${t.nodesUp} up · ${t.nodesDraining} draining`);
	keyedList($('nodes'), nodes, (n) => n.id, () =>
	{
		const card = document.createElement('article');
		card.className = 'node-card';
		card.innerHTML = '<header data-part="head"></header><div class="org" data-part="org"></div><div class="bars" data-part="server"></div><div class="service" data-part="service"></div><footer data-part="actions"></footer>';
		return card;
	}, (card, node) =>
	{
		card.dataset.node = node.id;
		card.dataset.state = node.state;
		const parts = nodeCardParts(node, canDrain);
		for (const [ part, html ] of Object.entries(parts)) setHtml(card.querySelector(`[data-part="${part}"]`), html);
	});
	if (!nodes.length) setHtml($('nodes'), '<div class="empty card">No node matches the filters</div>');
	const mediaHosts = (state.view && state.view.mediaHosts) || [];
	$('media-hosts-section').hidden = mediaHosts.length === 0;
	setHtml($('media-hosts-count'), `${mediaHosts.length} · used by ${new Set(mediaHosts.flatMap((h) => h.usedBy.map((u) => u.node))).size} node(s)`);
	keyedTable($('media-hosts'), {
		columns : mediaHostColumns, rows: mediaHosts, key: (h) => h.id, className: 'cards', empty: 'No media host'
	});
	const pipes = links(state.view, nodes, state.filters);
	$('links-section').hidden = pipes.length === 0;
	setHtml($('links-count'), `${pipes.length} pair${pipes.length === 1 ? '' : 's'} of nodes · bitrate each way`);
	keyedTable($('links'), {
		columns : linkColumns, rows: pipes, key: (l) => `${l.nodeA} ${l.nodeB}`, className: 'cards', empty: 'No links'
	});
	setHtml($('regions'), regionsHtml(byNodeRegion(nodes)));
	// A summary has no peers: its peers per region are the whole view's, or, under a filter, the picked
	// nodes' sums (a peer of a room across nodes is counted on the node it joined).
	setHtml($('peer-regions'), peerRegionsHtml(!summary ? byPeerRegion(nodes)
		: filtered ? summaryNodesPeerRegions(nodes) : summaryPeerRegions(state.view)));
	$('user-search').hidden = summary;
	if (summary)
	{
		setHtml($('users-count'), t.peers === 1 ? '1 peer' : `${count(t.peers)} peers`);
		keyedTable($('users'), {
			columns   : userColumns({ canKick: true }),
			rows      : [],
			key       : userKey,
			className : 'cards',
			empty     : `<span data-role="summary-note">The cluster has more rooms than the dashboard lists live (${count(state.view.roomLimit)}):`
				+ ' users are listed per node. Open a node to see its rooms and peers.</span>'
		});
		return;
	}
	const all = users(nodes).filter((u) => !state.search || [ u.peer.id, u.peer.displayName, u.room.roomId, u.peer.region,
		u.node.name, u.peer.isp ].some((v) => (v || '').toLowerCase().includes(state.search)));
	setHtml($('users-count'), all.length === 1 ? '1 peer' : `${all.length} peers`);
	keyedTable($('users'), {
		columns   : userColumns({ canKick: true }),
		rows      : all,
		key       : userKey,
		className : 'cards',
		empty     : state.search ? 'No user matches the search' : 'Nobody is connected'
	});
}

function ensureSkeleton(section, key, skeleton)
{
	if (section.dataset.for !== key)
	{
		section.dataset.for = key;
		forget(section);
		section.innerHTML = skeleton;
	}
}

/** Says what an open node or room is waiting for: the admin API's first answer. */
function renderLoading(section, what)
{
	section.dataset.for = '';
	setHtml(section, `<div class="empty card">Loading ${esc(what)}…</div>`);
}

function renderNode(view, r, canDrain)
{
	const section = $('node-view');
	let node;
	if (isSummary(view))
	{
		// The node from GET /api/nodes/ID (rooms and peers are not in a summary).
		const read = state.detail.body && state.detail.body.node;
		if (!state.detail.status) return renderLoading(section, `node ${r.node}`);
		node = read && (filterNodes({ nodes: [ read ] }, state.filters)[0] || read);
	}
	else
		node = filterNodes(view, state.filters).find((n) => n.id === r.node) || view.nodes.find((n) => n.id === r.node);
	if (!node)
	{
		section.dataset.for = '';
		setHtml(section, `<div class="empty card">Node ${esc(r.node)} is not reporting. <a href="#/">Back to the cluster</a></div>`);
		return;
	}
	ensureSkeleton(section, `node:${node.id}`, NODE_SKELETON);
	const parts = nodeDetailParts(node, canDrain);
	setHtml(section.querySelector('[data-part="head"]'), parts.head);
	setHtml(section.querySelector('[data-part="grid"]'), parts.grid);
	keyedTable(section.querySelector('[data-part="workers"]'), {
		columns : workerColumns, rows: node.workers, key: (w) => w.index, className: 'cards', empty: 'No workers'
	});
	const legs = node.roomLegs || [];
	setHtml(section.querySelector('[data-part="room-count"]'), `${node.rooms.length + legs.length} open`);
	const rooms = section.querySelector('[data-part="rooms"]');
	// Rooms listed here, then this node's legs of rooms listed under another node (cascade).
	const items = node.rooms.map((room) => ({ room, node: node.id })).concat(legs.map((leg) => ({ leg, node: leg.listedOn })));
	keyedList(rooms, items, (x) => `${(x.room || x.leg).namespace}/${(x.room || x.leg).roomId}`, () =>
	{
		const item = document.createElement('div');
		item.className = 'room-item';
		item.dataset.action = 'open-room';
		return item;
	}, (item, x) =>
	{
		const room = x.room || x.leg;
		item.dataset.node = x.node;
		item.dataset.ns = room.namespace;
		item.dataset.room = room.roomId;
		setHtml(item, x.room ? roomItemHtml(node, room) : roomLegItemHtml(room));
	});
	if (!items.length) setHtml(rooms, '<div class="empty card">No rooms on this node</div>');
}

function renderRoom(view, r)
{
	const section = $('room-view');
	let node;
	let room;
	if (isSummary(view))
	{
		// The room from GET /api/rooms/NS/ROOM: its node is the one it is listed under.
		if (!state.detail.status) return renderLoading(section, `room ${r.room}`);
		room = state.detail.body;
		node = room && (view.nodes.find((n) => n.id === room.nodeId) || { id: room.nodeId, name: room.nodeName || room.nodeId });
	}
	else
	{
		node = view.nodes.find((n) => n.id === r.node);
		room = node && node.rooms.find((x) => x.namespace === r.namespace && x.roomId === r.room);
	}
	if (!room)
	{
		section.dataset.for = '';
		setHtml(section, `<div class="empty card">Room ${esc(r.room)} is closed. <a href="#/node/${encodeURIComponent(r.node)}">Back to the node</a></div>`);
		return;
	}
	ensureSkeleton(section, `room:${node.id}/${room.namespace}/${room.roomId}`, ROOM_SKELETON);
	const parts = roomDetailParts(node, room);
	setHtml(section.querySelector('[data-part="head"]'), parts.head);
	setHtml(section.querySelector('[data-part="kpis"]'), parts.kpis);
	keyedTable(section.querySelector('[data-part="peers"]'), {
		columns   : userColumns({ canKick: true, showNode: false, showRoom: false }),
		rows      : room.peers.map((peer) => ({ node: (peer.nodeId && view.nodes.find((n) => n.id === peer.nodeId)) || node, room, peer })),
		key       : userKey,
		className : 'cards',
		empty     : 'Nobody in this room'
	});
	section.querySelector('[data-part="legs-section"]').hidden = !room.legs;
	keyedTable(section.querySelector('[data-part="legs"]'), {
		columns : legColumns, rows: room.legs || [], key: (l) => l.nodeId, className: 'cards', empty: 'No legs'
	});
}

// ---------------------------------------------------------------- actions

function confirmAction({ title, text, confirm })
{
	return new Promise((resolve) =>
	{
		$('modal-title').textContent = title;
		$('modal-text').textContent = text;
		$('modal-confirm').textContent = confirm;
		$('modal').hidden = false;
		$('modal-confirm').focus();
		const done = (answer) =>
		{
			$('modal').hidden = true;
			$('modal-confirm').onclick = null;
			$('modal-cancel').onclick = null;
			document.removeEventListener('keydown', onKey);
			resolve(answer);
		};
		const onKey = (e) =>
		{
			if (e.key === 'Escape') done(false);
		};
		document.addEventListener('keydown', onKey);
		$('modal-confirm').onclick = () => done(true);
		$('modal-cancel').onclick = () => done(false);
	});
}

function toast(message, bad = false)
{
	const el = document.createElement('div');
	el.className = `toast${bad ? ' bad' : ''}`;
	el.textContent = message;
	$('toasts').appendChild(el);
	setTimeout(() => el.remove(), 4000);
}

async function call(method, path)
{
	const headers = state.token ? { Authorization: `Bearer ${state.token}` } : {};
	const response = await fetch(path, { method, headers });
	let body = {};
	try { body = await response.json(); }
	catch (error) { /* empty */ }
	if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
	return body;
}

const ACTIONS = {
	'open-node' : (d) => go(`#/node/${enc(d.node)}`),
	'open-room' : (d) => go(`#/room/${enc(d.node)}/${enc(d.ns)}/${enc(d.room)}`),
	kick        : async (d) =>
	{
		if (!await confirmAction({ title: `Kick ${d.peer}?`, text: `${d.peer} leaves room ${d.room} at once and is not reconnected.`, confirm: 'Kick' })) return;
		await call('DELETE', `/api/rooms/${enc(d.ns)}/${enc(d.room)}/peers/${enc(d.peer)}`);
		toast(`${d.peer} was kicked from ${d.room}`);
	},
	'close-room' : async (d) =>
	{
		if (!await confirmAction({ title: `Close room ${d.room}?`, text: 'Every peer in it is disconnected and the room ends.', confirm: 'Close room' })) return;
		await call('DELETE', `/api/rooms/${enc(d.ns)}/${enc(d.room)}`);
		toast(`Room ${d.room} closed`);
		go(`#/node/${enc(d.node)}`);
	},
	drain : async (d) =>
	{
		if (!await confirmAction({ title: `Drain ${d.node}?`, text: 'The node takes no new rooms from now on; its rooms carry on until they end.', confirm: 'Drain' })) return;
		await call('POST', `/api/nodes/${enc(d.node)}/drain`);
		toast(`${d.node} is draining`);
	}
};

document.addEventListener('click', async (event) =>
{
	const target = event.target.closest('[data-action]');
	const card = event.target.closest('.node-card');
	if (!target && card)
	{
		go(`#/node/${enc(card.dataset.node)}`);
		return;
	}
	if (!target || !ACTIONS[target.dataset.action]) return;
	event.preventDefault();
	try
	{
		await ACTIONS[target.dataset.action]({ ...target.dataset });
	}
	catch (error)
	{
		toast(error.message, true);
	}
});

// Stale data is worse than no data: say so when the stream has been quiet for a while.
setInterval(() =>
{
	if (state.lastUpdate && Date.now() - state.lastUpdate > 4000 && $('live').dataset.state === 'live') setLive('down');
}, 1000);

if (state.token) $('token-input').value = state.token;
connect();
