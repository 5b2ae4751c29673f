// Builds the dashboard into the directory given as first argument (the Maven build passes
// signaling-server/target/classes/dashboard). Runs `npm ci` only when package-lock.json changed since
// the last install; otherwise one esbuild run (well under a second). The bundle is never committed.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] || join(here, 'dist'));
const stamp = join(here, 'node_modules', '.mscluster-lock-sha256');
const lockHash = createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
	console.log('[dashboard] npm ci (package-lock.json changed)');
	execFileSync('npm', [ 'ci', '--no-audit', '--no-fund', '--loglevel=error' ], { cwd: here, stdio: 'inherit' });
	writeFileSync(stamp, lockHash);
}

const { build } = await import('esbuild');

mkdirSync(outDir, { recursive: true });
await build({
	entryPoints : [ join(here, 'src', 'main.js') ],
	bundle      : true,
	format      : 'iife',
	platform    : 'browser',
	target      : [ 'chrome100', 'firefox100', 'safari15' ],
	minify      : true,
	sourcemap   : 'linked',
	outfile     : join(outDir, 'app.js'),
	logLevel    : 'warning'
});
for (const file of [ 'index.html', 'style.css', 'favicon.svg' ])
	copyFileSync(join(here, 'src', file), join(outDir, file));
console.log(`[dashboard] built into ${outDir}`);
