// What each panel looks like. Functions return HTML strings for one part; lists are kept keyed by
// main.js so that a second's update rewrites only what changed.
import { esc, bitrate, bitrateHtml, byteRate, bytes, pct, count, since } from './format.js';

export function kpisHtml(t)
{
	const kpi = (label, value, sub, key) =>
		`<div class="kpi" data-total="${key}"><div class="label">${label}</div><div class="value">${value}</div><div class="sub">${sub}</div></div>`;
	return [
		kpi('Nodes', count(t.nodes), `<b>${t.nodesUp}</b> up · <b>${t.nodesDraining}</b> draining`, 'nodes'),
		kpi('Rooms', count(t.rooms), `on <b>${count(t.workers)}</b> workers`, 'rooms'),
		kpi('Peers', count(t.peers), `<b>${count(t.producers)}</b> producers · <b>${count(t.consumers)}</b> consumers`, 'peers'),
		kpi('Push', bitrateHtml(t.bitrateIn), 'peers → cluster', 'push'),
		kpi('Pull', bitrateHtml(t.bitrateOut), 'cluster → peers', 'pull'),
		kpi('Load', pct(t.cpu), `CPU avg · memory <b>${pct(t.memory)}</b>`, 'load')
	].join('');
}

function level(ratio)
{
	return ratio >= 0.85 ? 'bad' : ratio >= 0.65 ? 'warn' : '';
}

export function barHtml(label, ratio, title = '')
{
	const value = Math.max(0, Math.min(1, Number(ratio) || 0));
	return `<div class="bar" title="${esc(title)}"><span>${label}</span><div class="track"><div class="fill ${level(value)}" style="width:${(value * 100).toFixed(1)}%"></div></div><span class="pct">${pct(value)}</span></div>`;
}

export function stateBadge(state)
{
	return `<span class="badge ${state === 'draining' ? 'draining' : 'up'}" data-role="state">${state === 'draining' ? 'Draining' : 'Up'}</span>`;
}

const ICONS = {
	pin     : '<svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true"><path fill="currentColor" d="M8 1a5 5 0 0 0-5 5c0 3.6 5 9 5 9s5-5.4 5-9a5 5 0 0 0-5-5zm0 7a2 2 0 1 1 0-4 2 2 0 0 1 0 4z"/></svg>',
	network : '<svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="1.6" d="M2 5h10l-3-3M14 11H4l3 3"/></svg>',
	layers  : '<svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="1.5" d="M8 2 2 5l6 3 6-3-6-3zM2 8l6 3 6-3M2 11l6 3 6-3"/></svg>'
};

function orgChips(node)
{
	const chips = [];
	chips.push(`<span class="chip" title="Region">${ICONS.pin} ${esc(node.region || 'no region')}</span>`);
	if (node.isp) chips.push(`<span class="chip" title="ISP">${ICONS.network} ${esc(node.isp)}</span>`);
	for (const ip of node.ips) chips.push(`<span class="chip mono" title="Announced IP">${esc(ip)}</span>`);
	chips.push(`<span class="chip" title="Namespaces">${ICONS.layers} ${node.namespaces.map(esc).join(', ').replace('*', 'all namespaces')}</span>`);
	if (node.priority) chips.push(`<span class="chip" title="Priority">priority ${node.priority}</span>`);
	return chips.join('');
}

/** The parts of a node card: head, organisation, server, service, actions. */
export function nodeCardParts(node, canDrain)
{
	const s = node.service;
	return {
		head : `<div><h3>${esc(node.name)}</h3><span class="muted small mono">${esc(node.id)}</span></div>${stateBadge(node.state)}`,
		org  : orgChips(node),
		server : barHtml('CPU', node.server.cpu) + barHtml('Memory', node.server.memory,
			`${bytes(node.server.memoryUsedBytes)} of ${bytes(node.server.memoryTotalBytes)}`) + barHtml('Disk', node.server.disk)
			+ `<div class="net">Network ↓ ${byteRate(node.server.networkIn)} · ↑ ${byteRate(node.server.networkOut)}</div>`,
		service : [
			[ 'Workers', s.workers ], [ 'Rooms', s.rooms ], [ 'Peers', s.peers ],
			[ 'Prod / cons', `${s.producers}<small> / ${s.consumers}</small>` ], [ 'Push', bitrateHtml(s.bitrateIn) ], [ 'Pull', bitrateHtml(s.bitrateOut) ]
		].map(([ l, n ]) => `<div><div class="n" data-figure="${l.toLowerCase()}">${n}</div><div class="l">${l}</div></div>`).join(''),
		actions : `<button class="link" data-action="open-node" data-node="${esc(node.id)}">Rooms and workers →</button>`
			+ (canDrain && node.state !== 'draining'
				? `<button class="danger small" data-action="drain" data-node="${esc(node.id)}">Drain</button>` : '')
	};
}

export function regionsHtml(rows)
{
	if (!rows.length) return '<div class="empty">No nodes</div>';
	const maxRooms = Math.max(1, ...rows.map((r) => r.rooms));
	const maxPeers = Math.max(1, ...rows.map((r) => r.peers));
	return rows.map((r) => `<div class="region-row" data-region="${esc(r.region)}">
		<span class="name" title="${r.nodes} node${r.nodes === 1 ? '' : 's'}">${esc(r.region || 'no region')}<span class="muted small"> · ${r.nodes}</span></span>
		<div class="pair" title="${r.rooms} rooms, ${r.peers} peers"><div class="stack"><div class="a" style="width:${(r.rooms / maxRooms) * 100}%"></div></div><div class="stack"><div class="b" style="width:${(r.peers / maxPeers) * 100}%"></div></div></div>
		<span class="figures"><b>${r.rooms}</b> rooms · <b>${r.peers}</b> peers</span></div>`).join('')
		+ '<div class="legend muted small"><span><i class="a"></i>rooms</span><span><i class="b"></i>peers</span><span>· nodes after the region</span></div>';
}

export function peerRegionsHtml(rows)
{
	if (!rows.length) return '<div class="empty">No peers connected</div>';
	const max = Math.max(1, ...rows.map((r) => r.peers));
	return rows.map((r) => `<div class="region-row" data-peer-region="${esc(r.region)}">
		<span class="name">${esc(r.region || 'unknown')}</span>
		<div class="stack"><div class="b" style="width:${(r.peers / max) * 100}%"></div></div>
		<span class="figures"><b>${r.peers}</b> peers</span></div>`).join('');
}

/** Columns of the users table (peers of every room). */
export function userColumns({ canKick, showNode = true, showRoom = true })
{
	const columns = [
		{ title: 'Peer', label: 'Peer', className: 'wide', cell: (u) => `<b>${esc(u.peer.id)}</b><div class="sub">${esc(u.peer.displayName || (u.peer.joined ? '' : 'not joined yet'))}</div>` }
	];
	if (showNode) columns.push({ title: 'Node', label: 'Node', cell: (u) => `<button class="link" data-action="open-node" data-node="${esc(u.node.id)}">${esc(u.node.name)}</button>` });
	if (showRoom) columns.push({ title: 'Room', label: 'Room', cell: (u) => `<button class="link" data-action="open-room" data-node="${esc(u.node.id)}" data-ns="${esc(u.room.namespace)}" data-room="${esc(u.room.roomId)}">${esc(u.room.roomId)}</button><div class="sub">${esc(u.room.namespace)}</div>` });
	columns.push(
		{ title: 'Region', label: 'Region', cell: (u) => `<span data-role="region">${esc(u.peer.region || '—')}</span>` },
		{ title: 'ISP', label: 'ISP', cell: (u) => esc(u.peer.isp || '—') },
		{ title: 'In', label: 'In', className: 'num', cell: (u) => bitrate(u.peer.bitrateIn) },
		{ title: 'Out', label: 'Out', className: 'num', cell: (u) => bitrate(u.peer.bitrateOut) },
		{ title: 'Since', label: 'Since', className: 'num', cell: (u) => since(u.peer.since) });
	if (canKick)
	{
		columns.push({ title: '', className: 'actions', cell: (u) => `<button class="danger small subtle" data-action="kick" data-node="${esc(u.node.id)}" data-ns="${esc(u.room.namespace)}" data-room="${esc(u.room.roomId)}" data-peer="${esc(u.peer.id)}">Kick</button>` });
	}
	return columns;
}

export function userKey(u)
{
	return `${u.node.id}\u0000${u.room.namespace}\u0000${u.room.roomId}\u0000${u.peer.id}`;
}

/** The skeleton of the node view; main.js fills its parts. */
export const NODE_SKELETON = `<div class="detail-head" data-part="head"></div>
	<div class="detail-grid" data-part="grid"></div>
	<div class="section-head"><h2>Workers</h2></div>
	<div class="card flush" data-part="workers"></div>
	<div class="section-head"><h2>Rooms</h2><span class="muted small" data-part="room-count"></span></div>
	<div class="room-list" data-part="rooms"></div>`;

export function nodeDetailParts(node, canDrain)
{
	const s = node.service;
	return {
		head : `<div><h1>${esc(node.name)} ${stateBadge(node.state)}</h1><div class="muted small mono">${esc(node.id)}</div></div>
			<div>${canDrain && node.state !== 'draining' ? `<button class="danger" data-action="drain" data-node="${esc(node.id)}">Drain node</button>` : ''}</div>`,
		grid : `<div class="card"><div class="card-head"><h2>Organization</h2></div><dl class="kv">
			<dt>Region</dt><dd>${esc(node.region || '—')}</dd><dt>ISP</dt><dd>${esc(node.isp || '—')}</dd>
			<dt>IPs</dt><dd class="mono">${node.ips.map(esc).join(', ') || '—'}</dd><dt>Signaling</dt><dd class="mono">${esc(node.signalingUrl)}</dd>
			<dt>Namespaces</dt><dd>${node.namespaces.map(esc).join(', ')}</dd><dt>Priority</dt><dd>${node.priority}</dd></dl></div>
		<div class="card"><div class="card-head"><h2>Server</h2></div><div class="bars">
			${barHtml('CPU', node.server.cpu)}${barHtml('Memory', node.server.memory)}${barHtml('Disk', node.server.disk)}</div>
			<div class="net" style="margin-top:10px">Network ↓ ${byteRate(node.server.networkIn)} · ↑ ${byteRate(node.server.networkOut)}
			· memory ${bytes(node.server.memoryUsedBytes)} / ${bytes(node.server.memoryTotalBytes)}</div></div>
		<div class="card"><div class="card-head"><h2>Service</h2></div><div class="service">
			<div><div class="n">${s.workers}</div><div class="l">Workers</div></div><div><div class="n">${s.rooms}</div><div class="l">Rooms</div></div>
			<div><div class="n">${s.peers}</div><div class="l">Peers</div></div><div><div class="n">${s.producers} / ${s.consumers}</div><div class="l">Prod / cons</div></div>
			<div><div class="n">${bitrate(s.bitrateIn)}</div><div class="l">Push</div></div><div><div class="n">${bitrate(s.bitrateOut)}</div><div class="l">Pull</div></div></div></div>`
	};
}

export const workerColumns = [
	{ title: '#', label: 'Worker', cell: (w) => `<b>${w.index}</b>` },
	{ title: 'State', label: 'State', cell: (w) => (w.alive ? '<span class="badge up">running</span>' : '<span class="badge draining">down</span>') },
	{ title: 'CPU', label: 'CPU', className: 'wide', cell: (w) => barHtml('', w.cpu) },
	{ title: 'Rooms', label: 'Rooms', className: 'num', cell: (w) => w.rooms },
	{ title: 'Peers', label: 'Peers', className: 'num', cell: (w) => w.peers },
	{ title: 'Prod / cons', label: 'Prod / cons', className: 'num', cell: (w) => `${w.producers} / ${w.consumers}` },
	{ title: 'Push', label: 'Push', className: 'num', cell: (w) => bitrate(w.bitrateIn) },
	{ title: 'Pull', label: 'Pull', className: 'num', cell: (w) => bitrate(w.bitrateOut) },
	{ title: 'Restarts', label: 'Restarts', className: 'num', cell: (w) => w.restarts },
	{ title: 'Runs on', label: 'Runs on', cell: (w) => (w.mediaHost ? `media host <b>${esc(w.mediaHost)}</b>` : 'this node') }
];

// Media hosts (`mscluster media start`): the workers they run for nodes, and which nodes use them.
export const mediaHostColumns = [
	{ title: 'Media host', label: 'Media host', cell: (h) => `<b>${esc(h.name || h.id)}</b><div class="muted small">${esc(h.address || 'not registered')}</div>` },
	{ title: 'Region', label: 'Region', cell: (h) => esc(h.region || '—') },
	{ title: 'CPU', label: 'CPU', className: 'wide', cell: (h) => (h.server ? barHtml('', h.server.cpu) : '—') },
	{ title: 'Workers', label: 'Workers', className: 'num',
		cell: (h) => (h.workers ? `${h.workers.filter((w) => w.busy).length} / ${h.workers.length} in use` : '—') },
	{ title: 'Used by', label: 'Used by',
		cell: (h) => (h.usedBy.length ? h.usedBy.map((u) => `${esc(u.node)} <span class="muted small">(worker ${u.workers.join(', ')})</span>`).join('<br>') : '<span class="muted">no node</span>') }
];

/** A room's legs on several nodes (cascade): node and peers of each. */
export function legsHtml(room)
{
	if (!room.legs) return '';
	return `<div class="legs small" data-role="legs">${room.legs.map((leg) =>
		`<span class="chip leg" data-leg="${esc(leg.nodeId)}" title="worker ${leg.workerIndex}, since ${esc(leg.since)}">${esc(leg.nodeName || leg.nodeId)} · <b>${leg.peers}</b> peer${leg.peers === 1 ? '' : 's'}</span>`).join('')}</div>`;
}

/** The room's running egresses (RTMP forwards, recordings), a chip each. */
function egressesHtml(room)
{
	if (!room.egresses || !room.egresses.length) return '';
	return `<div class="legs small" data-role="egresses">${room.egresses.map((e) =>
		`<span class="chip egress" data-egress="${esc(e.egressId)}" title="${esc(e.egressId)}${e.restarts ? `, ${e.restarts} restarts` : ''}">${e.type === 'rtmp' ? '⇢ RTMP' : '● REC'} · ${esc(e.status)} · ${esc(e.target)}</span>`).join('')}</div>`;
}

export function roomItemHtml(node, room)
{
	return `<div class="title">${esc(room.roomId)}</div>
		<div class="muted small">${esc(room.namespace)} · worker ${room.workerIndex} · ${since(room.createdAt)}${room.legs ? ` · <b>${room.legs.length}</b> legs` : ''}</div>
		<div class="small"><b>${room.peers.length}</b> peers · <b>${room.producers}</b> producers · ${bitrate(room.bitrateIn)} push</div>${legsHtml(room)}${egressesHtml(room)}`;
}

/** This node's leg of a room listed under another node (cascade). */
export function roomLegItemHtml(leg)
{
	return `<div class="title">${esc(leg.roomId)}</div>
		<div class="muted small">${esc(leg.namespace)} · worker ${leg.workerIndex} · leg of the room on ${esc(leg.listedOn)}</div>
		<div class="small"><b>${leg.peers}</b> peers here · <b>${leg.producers}</b> producers · ${bitrate(leg.bitrateIn)} push</div>`;
}

/** The pipes between nodes: rooms, producers and bitrate each way. */
export const linkColumns = [
	{ title: 'Nodes', label: 'Nodes', className: 'wide', cell: (l) => `<b>${esc(l.nodeA)}</b> ⇄ <b>${esc(l.nodeB)}</b>` },
	{ title: 'Rooms', label: 'Rooms', className: 'num', cell: (l) => l.rooms },
	{ title: 'A → B', label: 'A → B', className: 'num', cell: (l) => `<span data-role="a-to-b">${bitrate(l.bitrateAtoB)}</span><div class="sub">${l.producersAtoB} producers</div>` },
	{ title: 'B → A', label: 'B → A', className: 'num', cell: (l) => `<span data-role="b-to-a">${bitrate(l.bitrateBtoA)}</span><div class="sub">${l.producersBtoA} producers</div>` }
];

export const legColumns = [
	{ title: 'Node', label: 'Node', cell: (l) => `<button class="link" data-action="open-node" data-node="${esc(l.nodeId)}">${esc(l.nodeName || l.nodeId)}</button><div class="sub">${esc(l.region || '')}</div>` },
	{ title: 'Worker', label: 'Worker', className: 'num', cell: (l) => l.workerIndex },
	{ title: 'Peers', label: 'Peers', className: 'num', cell: (l) => `<span data-role="leg-peers">${l.peers}</span>` },
	{ title: 'Push', label: 'Push', className: 'num', cell: (l) => bitrate(l.bitrateIn) },
	{ title: 'Pull', label: 'Pull', className: 'num', cell: (l) => bitrate(l.bitrateOut) },
	{ title: 'Pipes', label: 'Pipes', className: 'wide', cell: (l) => (l.links.length ? l.links.map((k) =>
		`→ ${esc(k.nodeId)}: ↓ ${bitrate(k.bitrateIn)} (${k.producersIn}) · ↑ ${bitrate(k.bitrateOut)} (${k.producersOut})`).join('<br>') : '—') }
];

export const ROOM_SKELETON = `<div class="detail-head" data-part="head"></div>
	<div class="kpis room-kpis" data-part="kpis"></div>
	<div data-part="legs-section" hidden><div class="section-head"><h2>Legs</h2><span class="muted small">one per node, piped together</span></div>
	<div class="card flush" data-part="legs"></div></div>
	<div class="section-head"><h2>Peers</h2></div>
	<div class="card flush" data-part="peers"></div>`;

export function roomDetailParts(node, room)
{
	return {
		head : `<div><h1>${esc(room.roomId)}</h1><div class="muted small">namespace <b>${esc(room.namespace)}</b> · node <button class="link" data-action="open-node" data-node="${esc(node.id)}">${esc(node.name)}</button> · worker ${room.workerIndex}</div></div>
		<div><button class="danger" data-action="close-room" data-node="${esc(node.id)}" data-ns="${esc(room.namespace)}" data-room="${esc(room.roomId)}">Close room</button></div>`,
		kpis : `<div class="kpi"><div class="label">Peers</div><div class="value">${room.peers.length}</div><div class="sub">open ${since(room.createdAt)}</div></div>
		<div class="kpi"><div class="label">Producers / consumers</div><div class="value">${room.producers} / ${room.consumers}</div><div class="sub">media tracks</div></div>
		<div class="kpi"><div class="label">Push</div><div class="value">${bitrate(room.bitrateIn)}</div><div class="sub">peers → node</div></div>
		<div class="kpi"><div class="label">Pull</div><div class="value">${bitrate(room.bitrateOut)}</div><div class="sub">node → peers</div></div>
		<div class="kpi"><div class="label">Egress</div><div class="value" data-role="egress-count">${(room.egresses || []).length}</div><div class="sub">${egressesHtml(room) || 'no RTMP forward or recording'}</div></div>`
	};
}
