// The cluster view from the server, cut by the page's filters, and the figures the panels show.
import { within } from './format.js';

/**
 * Nodes of `region` (a path prefix) that serve `namespace`, with only that namespace's rooms. A summary's
 * nodes have no rooms to cut: their figures come from their figures per namespace (`byNamespace`).
 */
export function filterNodes(view, { namespace, region })
{
	if (!view) return [];
	return view.nodes
		.filter((node) => within(node.region, region))
		.filter((node) => !namespace || node.namespaces.includes('*') || node.namespaces.includes(namespace))
		.map((node) =>
		{
			if (!namespace) return node;
			if (!node.rooms) return summaryNodeIn(node, namespace);
			const rooms = node.rooms.filter((room) => room.namespace === namespace);
			const roomLegs = (node.roomLegs || []).filter((leg) => leg.namespace === namespace);
			const served = servedBy(node, rooms, roomLegs);
			return { ...node, rooms, roomLegs, service: serviceOf(node, served), workers: workersOf(node, served) };
		});
}

const NO_FIGURES = { rooms: 0, peers: 0, producers: 0, consumers: 0, bitrateIn: 0, bitrateOut: 0, peerRegions: {} };

/** A summary's node cut to one namespace: its figures there, peers per region included. */
function summaryNodeIn(node, namespace)
{
	const inNamespace = (node.byNamespace && node.byNamespace[namespace]) || NO_FIGURES;
	const { peerRegions, ...figures } = inNamespace;
	return { ...node, service: { workers: node.service.workers, ...figures }, byNamespace: { [namespace]: inNamespace } };
}

/**
 * What a node itself serves of its rooms, one entry per room (peers as a count): a room with legs on
 * several nodes (cascade) is listed under one node with every leg's figures, the others name their leg
 * in `roomLegs`; each node counts its own leg.
 */
function servedBy(node, rooms, roomLegs)
{
	const out = rooms.map((room) =>
	{
		if (!room.legs) return { ...room, peers: room.peers.length };
		return room.legs.find((leg) => leg.nodeId === node.id) || { ...room, peers: 0, producers: 0, consumers: 0, bitrateIn: 0, bitrateOut: 0 };
	});
	return out.concat(roomLegs);
}

function serviceOf(node, rooms)
{
	const sum = (f) => rooms.reduce((total, room) => total + f(room), 0);
	return {
		workers    : node.service.workers,
		rooms      : rooms.length,
		peers      : sum((r) => r.peers),
		producers  : sum((r) => r.producers),
		consumers  : sum((r) => r.consumers),
		bitrateIn  : sum((r) => r.bitrateIn),
		bitrateOut : sum((r) => r.bitrateOut)
	};
}

function workersOf(node, rooms)
{
	return node.workers.map((w) =>
	{
		const mine = rooms.filter((r) => r.workerIndex === w.index);
		const s = serviceOf(node, mine);
		return { ...w, rooms: s.rooms, peers: s.peers, producers: s.producers, consumers: s.consumers,
			bitrateIn: s.bitrateIn, bitrateOut: s.bitrateOut };
	});
}

export function totals(nodes)
{
	const sum = (f) => nodes.reduce((total, node) => total + f(node), 0);
	return {
		nodes         : nodes.length,
		nodesUp       : nodes.filter((n) => n.state === 'up').length,
		nodesDraining : nodes.filter((n) => n.state === 'draining').length,
		workers       : sum((n) => n.service.workers),
		// Each room once: a room across nodes is listed under one of them (a summary's node: the rooms it serves).
		rooms         : sum((n) => (n.rooms ? n.rooms.length : n.service.rooms)),
		peers         : sum((n) => n.service.peers),
		producers     : sum((n) => n.service.producers),
		consumers     : sum((n) => n.service.consumers),
		bitrateIn     : sum((n) => n.service.bitrateIn),
		bitrateOut    : sum((n) => n.service.bitrateOut),
		cpu           : nodes.length ? sum((n) => n.server.cpu) / nodes.length : 0,
		memory        : nodes.length ? sum((n) => n.server.memory) / nodes.length : 0
	};
}

/** Rooms and peers per node region (the regions of the nodes, with the figures of their rooms). */
export function byNodeRegion(nodes)
{
	const out = new Map();
	for (const node of nodes)
	{
		const key = node.region || '';
		const entry = out.get(key) || { region: key, nodes: 0, rooms: 0, peers: 0 };
		entry.nodes++;
		entry.rooms += node.service.rooms;
		entry.peers += node.service.peers;
		out.set(key, entry);
	}
	return [ ...out.values() ].sort((a, b) => b.peers - a.peers || a.region.localeCompare(b.region));
}

/** Peers per their own region (what the client said when it connected). */
export function byPeerRegion(nodes)
{
	const out = new Map();
	for (const user of users(nodes))
	{
		const key = user.peer.region || '';
		out.set(key, (out.get(key) || 0) + 1);
	}
	return [ ...out.entries() ].map(([ region, peers ]) => ({ region, peers }))
		.sort((a, b) => b.peers - a.peers || a.region.localeCompare(b.region));
}

/** Every peer with its node (the one it is connected to, for a room across nodes) and room. */
export function users(nodes)
{
	const out = [];
	const byId = new Map(nodes.map((n) => [ n.id, n ]));
	for (const node of nodes)
		for (const room of node.rooms || [])
			for (const peer of room.peers)
				out.push({ node: (peer.nodeId && byId.get(peer.nodeId)) || node, room, peer });
	return out;
}

/** The pipes between nodes (cascade) among `nodes`, for the namespace filter: only that namespace's rooms. */
export function links(view, nodes, { namespace })
{
	if (!view) return [];
	const shown = new Set(nodes.map((n) => n.id));
	if (!namespace)
		return (view.links || []).filter((l) => shown.has(l.nodeA) || shown.has(l.nodeB));
	// Summed again from the rooms' legs of the namespace (each pipe as its sending side reports it).
	const pairs = new Map();
	for (const node of nodes)
		for (const room of node.rooms || [])
			for (const leg of room.legs || [])
				for (const link of leg.links)
				{
					const [ a, b ] = leg.nodeId < link.nodeId ? [ leg.nodeId, link.nodeId ] : [ link.nodeId, leg.nodeId ];
					const key = `${a} ${b}`;
					const entry = pairs.get(key) || { nodeA: a, nodeB: b, rooms: new Set(), producersAtoB: 0, producersBtoA: 0, bitrateAtoB: 0, bitrateBtoA: 0 };
					entry.rooms.add(`${room.namespace}/${room.roomId}`);
					if (leg.nodeId === a) { entry.producersAtoB += link.producersOut; entry.bitrateAtoB += link.bitrateOut; }
					else { entry.producersBtoA += link.producersOut; entry.bitrateBtoA += link.bitrateOut; }
					pairs.set(key, entry);
				}
	return [ ...pairs.values() ].map((l) => ({ ...l, rooms: l.rooms.size }))
		.sort((x, y) => x.nodeA.localeCompare(y.nodeA) || x.nodeB.localeCompare(y.nodeB));
}

/** The time series for the filters: per point, the sums over matching `namespace|region` keys. */
export function series(points, { namespace, region })
{
	return points.map((point) =>
	{
		const total = { t: point.t, rooms: 0, peers: 0, bitrateIn: 0, bitrateOut: 0 };
		for (const [ key, figures ] of Object.entries(point.s))
		{
			const bar = key.indexOf('|');
			const ns = key.slice(0, bar);
			if (!ns) continue; // a node's region marker, no room figures
			if (namespace && ns !== namespace) continue;
			if (!within(key.slice(bar + 1), region)) continue;
			total.rooms += figures[0];
			total.peers += figures[1];
			total.bitrateIn += figures[2];
			total.bitrateOut += figures[3];
		}
		return total;
	});
}

/** Whether the update is the summary view (more rooms than the feed's limit): no workers, rooms or peers in it. */
export function isSummary(view)
{
	return Boolean(view && view.view === 'summary');
}

/** The summary's peers per their own region, as `byPeerRegion` gives them. */
/** Peers per their region over a summary's nodes (as `filterNodes` cut them). */
export function summaryNodesPeerRegions(nodes)
{
	const out = {};
	for (const node of nodes)
		for (const figures of Object.values(node.byNamespace || {}))
			for (const [ region, peers ] of Object.entries(figures.peerRegions || {}))
				out[region] = (out[region] || 0) + peers;
	return summaryPeerRegions({ peerRegions: out });
}

export function summaryPeerRegions(view)
{
	return Object.entries((view && view.peerRegions) || {}).map(([ region, peers ]) => ({ region, peers }))
		.sort((a, b) => b.peers - a.peers || a.region.localeCompare(b.region));
}
