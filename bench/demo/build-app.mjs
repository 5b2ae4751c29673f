// Builds the unmodified mediasoup-demo web app (DEMO_DIR/app) into OUT_DIR: index.html, resources/ and
// mediasoup-demo-app.js. The demo builds it with gulp + browserify + babel; this does the same bundle with
// esbuild, and babel for the JSX (the demo's <If>/<Choose> control statements need babel's JSX pass). The
// stylesheet (stylus) is not built: layout does not change when frames arrive. Packages come from this
// directory's package.json (pinned), not from the demo's.
// Usage: node build-app.mjs DEMO_DIR OUT_DIR
import { transformAsync } from '@babel/core';
import * as esbuild from 'esbuild';
import { cp, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [ demoDir, outDir ] = process.argv.slice(2);

if (!demoDir || !outDir)
	throw new Error('usage: node build-app.mjs DEMO_DIR OUT_DIR');

const here = path.dirname(fileURLToPath(import.meta.url));
const appDir = path.resolve(demoDir, 'app');
const require = (name) => path.join(here, 'node_modules', name);

const controlStatements = {
	name    : 'jsx-control-statements',
	setup(build)
	{
		build.onLoad({ filter: /\.jsx?$/ }, async (args) =>
		{
			if (!args.path.startsWith(appDir))
				return undefined;
			const source = await readFile(args.path, 'utf8');
			const result = await transformAsync(source, {
				filename   : args.path,
				babelrc    : false,
				configFile : false,
				plugins    : [ require('babel-plugin-jsx-control-statements'), require('@babel/plugin-transform-react-jsx') ]
			});

			return { contents: result.code, loader: 'js' };
		});
	}
};

await mkdir(outDir, { recursive: true });
await esbuild.build({
	entryPoints : [ path.join(appDir, 'lib', 'index.jsx') ],
	outfile     : path.join(outDir, 'mediasoup-demo-app.js'),
	bundle      : true,
	platform    : 'browser',
	format      : 'iife',
	target      : 'es2020',
	nodePaths   : [ path.join(here, 'node_modules') ],
	define      : { 'process.env.NODE_ENV': '"production"', global: 'window' },
	external    : [ 'fs', 'path', 'crypto', 'util', 'os' ],
	logLevel    : 'warning',
	plugins     : [ controlStatements ]
});
await cp(path.join(appDir, 'index.html'), path.join(outDir, 'index.html'));
await cp(path.join(appDir, 'resources'), path.join(outDir, 'resources'), { recursive: true });
