// Screenshots of the dashboard at a desktop and a phone size: the cluster, a node, a room, the
// confirmation step and the sign-in page. Usage: node test/screenshots.mjs URL OUT_DIR [TOKEN]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [ url, outDir, token ] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [ '--no-sandbox' ] });
const shots = [];

for (const [ name, viewport ] of [ [ '1280x720', { width: 1280, height: 720 } ], [ '390x844', { width: 390, height: 844 } ] ])
{
	const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
	const page = await context.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	await page.goto(url);
	if (token)
	{
		await page.fill('#token-input', token);
		await page.click('#signin-button');
	}
	await page.waitForSelector('.node-card');
	await page.waitForTimeout(1500);
	const shot = async (file, fullPage = false) =>
	{
		const path = join(outDir, `dashboard-${file}-${name}.png`);
		await page.screenshot({ path, fullPage });
		shots.push(path);
	};
	await shot('cluster');
	await shot('cluster-full', true);
	await page.evaluate(() => document.querySelector('.node-grid').scrollIntoView());
	await shot('nodes');
	await page.evaluate(() => document.getElementById('regions-card').scrollIntoView());
	await shot('users');
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.click('.node-card');
	await page.waitForSelector('#node-view:not([hidden]) [data-part="rooms"] .room-item');
	await page.waitForTimeout(500);
	await shot('node');
	await page.click('#node-view .room-item');
	await page.waitForSelector('#room-view:not([hidden]) [data-action="kick"]');
	await page.waitForTimeout(500);
	await shot('room');
	await page.click('#room-view [data-action="kick"]');
	await page.waitForSelector('#modal:not([hidden])');
	await shot('confirm');
	await page.click('#modal-cancel');
	await page.click('#signout');
	await page.waitForSelector('#signin:not([hidden])');
	await shot('signin');
	if (errors.length) console.error(errors.join('\n'));
	await context.close();
}
await browser.close();
console.log(JSON.stringify({ ok: true, shots }));
