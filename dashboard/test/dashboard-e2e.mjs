// The dashboard in headless Chromium against a real node, driven step by step by a Java test over
// stdin/stdout: each command line gets one answer line, {"ok":true,…} or {"ok":false,"error":…}.
// Usage: node test/dashboard-e2e.mjs DASHBOARD_URL ADMIN_TOKEN ARTIFACT_DIR [WEB_CLIENT_URL]
// Commands:
//   peers N            the Peers total shows N (within 3 s)
//   user ID REGION     the users table has ID with that region (REGION - : none)
//   no-user ID         the users table no longer has ID (within 3 s)
//   room ROOM          the node view lists ROOM
//   kick ID            click Kick on ID's row, confirm
//   drain NODE         click Drain on NODE's card, confirm; the card then says draining
//   browser ROOM NS    a browser peer (the web client, fake camera) joins ROOM of NS and sends media
//   bitrate            the Push total is above 0
//   legs ROOM NODE N   NODE's view lists ROOM (a room across nodes) with N legs; its page has a legs table of N rows
//   link A B           the links between nodes list A ⇄ B, with a bitrate each way
//   shots              screenshots of the cluster, node and room views at 1280x720 and 390x844
//   open URL           from now on, drive the dashboard at URL (another node's) in a new page of the same browser
//   summary LIMIT ROOMS  the page shows the summary: node cards, the Rooms total ROOMS, and the users panel's
//                      note that the cluster has more rooms than LIMIT
//   namespace NS ROOMS PEERS REGION:N…  pick NS in the namespace filter (- : All): the Rooms and Peers totals
//                      show ROOMS and PEERS, and peers per region lists exactly each REGION with N
//   node-rooms NODE ROOM…  NODE's view (read from /api/nodes/NODE in summary mode) lists every ROOM
//   room-peers NODE NS ROOM PEER…  the room's view lists every PEER
//   quit
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [ firstDashboardUrl, token, artifacts, webClientUrl ] = process.argv.slice(2);
let dashboardUrl = firstDashboardUrl;
mkdirSync(artifacts, { recursive: true });
const FLAGS = [ '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection',
	'--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required' ];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
const errors = [];

async function openDashboard(viewport)
{
	const page = await browser.newPage({ viewport });
	page.on('pageerror', (e) => errors.push(String(e)));
	await page.goto(dashboardUrl);
	await page.waitForSelector('#signin:not([hidden]), #app:not([hidden])');
	if (await page.isVisible('#signin'))
	{
		await page.fill('#token-input', token);
		await page.click('#signin-button');
	}
	await page.waitForSelector('.node-card');
	return page;
}

let page = await openDashboard({ width: 1280, height: 720 });
const text = async (selector) => (await page.textContent(selector)) ?? '';
const FAST = { timeout: 3000 };

const commands = {
	async peers([ n ])
	{
		await page.waitForFunction((want) =>
			document.querySelector('[data-total="peers"] .value')?.textContent.trim() === want, n, FAST);
		return { peers: Number(n) };
	},
	async user([ id, region ])
	{
		const row = page.locator('#users tr', { has: page.locator(`b:text-is("${id}")`) });
		await row.waitFor(FAST);
		const shown = (await row.locator('[data-role="region"]').textContent()).trim();
		const want = region === '-' ? '—' : region;
		if (shown !== want) throw new Error(`${id}: region ${shown}, expected ${want}`);
		return { id, region: shown };
	},
	async 'media-host'([ id, region, usedBy ])
	{
		// A media host: listed apart from the nodes, with its region and the nodes using it.
		const row = page.locator('#media-hosts tr', { has: page.locator(`b:text-is("${id}")`) });
		await row.waitFor(FAST);
		const shownRegion = (await row.locator('td[data-label="Region"]').textContent()).trim();
		const shownUsers = (await row.locator('td[data-label="Used by"]').textContent()).trim();
		if (shownRegion !== region) throw new Error(`${id}: region ${shownRegion}, expected ${region}`);
		if (!shownUsers.includes(usedBy)) throw new Error(`${id}: used by "${shownUsers}", expected "${usedBy}"`);
		if (await page.locator(`.node-card[data-node="${id}"]`).count()) throw new Error(`${id} is shown as a node`);
		return { id, region: shownRegion, usedBy: shownUsers };
	},
	async 'no-user'([ id ])
	{
		await page.locator('#users tr', { has: page.locator(`b:text-is("${id}")`) }).waitFor({ state: 'detached', ...FAST });
		return { id };
	},
	async room([ roomId ])
	{
		await page.goto(`${dashboardUrl}#/node/it-node`);
		await page.locator(`#node-view .room-item[data-room="${roomId}"]`).waitFor(FAST);
		await page.goto(`${dashboardUrl}#/`);
		await page.waitForSelector('#cluster-view:not([hidden]) .node-card');
		return { roomId };
	},
	async legs([ roomId, node, n ])
	{
		await page.goto(`${dashboardUrl}#/node/${node}`);
		const item = page.locator(`#node-view .room-item[data-room="${roomId}"]`);
		await item.waitFor(FAST);
		await page.waitForFunction(([ r, want ]) => document.querySelectorAll(`#node-view .room-item[data-room="${r}"] .leg`).length === want,
			[ roomId, Number(n) ], FAST);
		const shown = (await item.locator('[data-role="legs"]').textContent()).trim();
		await item.click();
		await page.waitForFunction((want) => document.querySelectorAll('#room-view:not([hidden]) [data-part="legs"] tbody tr').length === want,
			Number(n), FAST);
		await page.screenshot({ path: join(artifacts, 'dashboard-room-legs-1280x720.png') });
		await page.goto(`${dashboardUrl}#/`);
		await page.waitForSelector('#cluster-view:not([hidden]) .node-card');
		return { roomId, legs: shown };
	},
	async link([ a, b ])
	{
		const row = page.locator('#links tr', { hasText: `${a} ⇄ ${b}` });
		await row.waitFor(FAST);
		const aToB = (await row.locator('[data-role="a-to-b"]').textContent()).trim();
		const bToA = (await row.locator('[data-role="b-to-a"]').textContent()).trim();
		await page.locator('#links-section').screenshot({ path: join(artifacts, 'dashboard-links-1280x720.png') });
		return { link: `${a} ${b}`, aToB, bToA, row: (await row.textContent()).replace(/\s+/g, ' ').trim() };
	},
	async kick([ id ])
	{
		await page.locator(`#users button[data-action="kick"][data-peer="${id}"]`).click();
		await page.waitForSelector('#modal:not([hidden])');
		await page.screenshot({ path: join(artifacts, 'dashboard-kick-confirm-1280x720.png') });
		await page.click('#modal-confirm');
		await page.locator('#users tr', { has: page.locator(`b:text-is("${id}")`) }).waitFor({ state: 'detached', ...FAST });
		return { kicked: id };
	},
	async drain([ node ])
	{
		await page.locator(`.node-card[data-node="${node}"] button[data-action="drain"]`).click();
		await page.waitForSelector('#modal:not([hidden])');
		await page.click('#modal-confirm');
		await page.waitForSelector(`.node-card[data-node="${node}"][data-state="draining"] [data-role="state"]`, FAST);
		return { node, state: (await text(`.node-card[data-node="${node}"] [data-role="state"]`)).trim() };
	},
	async browser([ roomId, namespace ])
	{
		const peer = await browser.newPage({ viewport: { width: 960, height: 600 } });
		peer.on('pageerror', (e) => errors.push(`[web client] ${e}`));
		const url = new URL(webClientUrl);
		url.search = new URLSearchParams({ roomId, namespace, peerId: 'browser', displayName: 'Chromium', autojoin: '1' }).toString();
		await peer.goto(url.toString());
		await peer.waitForFunction(() => window.mscluster?.client?.sendTransport?.connectionState === 'connected', null, { timeout: 30000 })
			.catch(() => {});
		return { joined: roomId };
	},
	async bitrate()
	{
		await page.waitForFunction(() => !/^0 b\/s/.test(document.querySelector('[data-total="push"] .value')?.textContent.trim() ?? '0 b/s'),
			null, { timeout: 20000 });
		return { push: (await text('[data-total="push"] .value')).trim() };
	},
	async open([ url ])
	{
		dashboardUrl = url;
		page = await openDashboard({ width: 1280, height: 720 });
		return { url };
	},
	async summary([ limit, rooms ])
	{
		await page.waitForSelector('#cluster-view:not([hidden]) .node-card');
		const note = page.locator('#users [data-role="summary-note"]');
		await note.waitFor(FAST);
		const said = (await note.textContent()).trim();
		if (!said.includes(`(${limit})`)) throw new Error(`the users panel says "${said}", not the limit ${limit}`);
		await page.waitForFunction((want) =>
			document.querySelector('[data-total="rooms"] .value')?.textContent.trim() === want, rooms, FAST);
		if (await page.locator('#users tbody tr').count()) throw new Error('users are listed in summary mode');
		await page.screenshot({ path: join(artifacts, 'dashboard-summary-1280x720.png'), fullPage: true });
		return { note: said, rooms: Number(rooms), cards: await page.locator('.node-card').count() };
	},
	async namespace([ ns, rooms, peers, ...regions ])
	{
		await page.selectOption('#filter-namespace', ns === '-' ? '' : ns);
		for (const [ total, want ] of [ [ 'rooms', rooms ], [ 'peers', peers ] ])
			await page.waitForFunction(([ t, w ]) =>
				document.querySelector(`[data-total="${t}"] .value`)?.textContent.trim() === w, [ total, want ], FAST);
		const want = regions.map((r) => r.split(':')).map(([ region, n ]) => `${region} ${n}`).sort().join(', ');
		await page.waitForFunction((w) => [ ...document.querySelectorAll('#peer-regions [data-peer-region]') ]
			.map((e) => `${e.dataset.peerRegion} ${e.querySelector('.figures b').textContent.trim()}`).sort().join(', ') === w,
		want, FAST)
			.catch(async () =>
			{
				throw new Error(`peers per region: ${await text('#peer-regions')}; expected ${want}`);
			});
		return { namespace: ns, rooms: Number(rooms), peers: Number(peers) };
	},
	async 'node-rooms'([ node, ...rooms ])
	{
		await page.goto(`${dashboardUrl}#/node/${node}`);
		for (const roomId of rooms)
			await page.locator(`#node-view:not([hidden]) .room-item[data-room="${roomId}"]`).waitFor(FAST);
		const shown = await page.locator('#node-view .room-item').count();
		await page.screenshot({ path: join(artifacts, 'dashboard-summary-node-1280x720.png') });
		return { node, rooms: shown };
	},
	async 'room-peers'([ node, namespace, roomId, ...peers ])
	{
		await page.goto(`${dashboardUrl}#/room/${node}/${namespace}/${roomId}`);
		for (const id of peers)
			await page.locator('#room-view:not([hidden]) [data-part="peers"] tr', { has: page.locator(`b:text-is("${id}")`) }).waitFor(FAST);
		const shown = await page.locator('#room-view [data-part="peers"] tbody tr').count();
		await page.goto(`${dashboardUrl}#/`);
		await page.waitForSelector('#cluster-view:not([hidden]) .node-card');
		return { roomId, peers: shown };
	},
	async shots()
	{
		const files = [];
		for (const [ name, viewport ] of [ [ '1280x720', { width: 1280, height: 720 } ], [ '390x844', { width: 390, height: 844 } ] ])
		{
			const p = name === '1280x720' ? page : await openDashboard(viewport);
			await p.setViewportSize(viewport);
			for (const [ view, hash, ready ] of [
				[ 'cluster', '#/', '#cluster-view:not([hidden]) .node-card' ],
				[ 'node', '#/node/it-node', '#node-view:not([hidden]) .room-item' ],
				[ 'room', '#/room/it-node/acme/room-a', '#room-view:not([hidden]) [data-part="peers"] tbody tr' ] ])
			{
				await p.evaluate((h) => { location.hash = h; }, hash);
				await p.waitForSelector(ready, { timeout: 10000 }).catch(async (error) =>
				{
					await p.screenshot({ path: join(artifacts, `dashboard-failed-${view}-${name}.png`) });
					throw new Error(`${view} at ${name}: ${ready} not shown (${error.message.split('\n')[0]})`);
				});
				await p.waitForTimeout(1200);
				const file = join(artifacts, `dashboard-live-${view}-${name}.png`);
				await p.screenshot({ path: file });
				files.push(file);
			}
			await p.evaluate(() => { location.hash = '#/'; });
		}
		await page.waitForSelector('#cluster-view:not([hidden]) .node-card');
		return { files };
	}
};

console.log(JSON.stringify({ ok: true, ready: true }));
for await (const line of createInterface({ input: process.stdin }))
{
	const [ name, ...args ] = line.trim().split(/\s+/);
	if (name === 'quit') break;
	try
	{
		if (!commands[name]) throw new Error(`unknown command ${name}`);
		console.log(JSON.stringify({ ok: true, command: name, ...await commands[name](args) }));
	}
	catch (error)
	{
		await page.screenshot({ path: join(artifacts, `dashboard-failed-${name}.png`) }).catch(() => {});
		console.log(JSON.stringify({ ok: false, command: name, error: String(error.message || error).split('\n')[0], pageErrors: errors }));
	}
}
await browser.close();
console.log(JSON.stringify({ ok: true, done: true, pageErrors: errors }));
