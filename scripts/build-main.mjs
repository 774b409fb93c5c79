// Bundles the Electron main process and the preload with esbuild (called by scripts/build.mjs,
// or alone: `node scripts/build-main.mjs`).
//   main/main.ts    → dist/main/main.js     ESM: Electron ≥ 28 loads an ESM main (package type module)
//   main/preload.ts → dist/main/preload.cjs CommonJS: a sandboxed preload cannot be an ES module
// `electron` stays external: it is provided by the Electron runtime, not bundled.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Electron 45 ships Node 22 and Chromium 140.
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

// CommonJS dependencies bundled into an ES module still call require() for Node built-ins;
// esbuild's shim throws on that in ESM, so give the bundle a real require.
const ESM_REQUIRE_BANNER = [
  "import { createRequire as __httpdeskCreateRequire } from 'node:module';",
  'const require = __httpdeskCreateRequire(import.meta.url);',
].join('\n');

/** @param {string} root the project folder (holding main/ and dist/) */
export async function buildMain(root) {
  const common = {
    bundle: true,
    external: ['electron'],
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
    absWorkingDir: root,
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'main/main.ts')],
      outfile: path.join(root, 'dist/main/main.js'),
      platform: 'node',
      target: NODE_TARGET,
      format: 'esm',
      banner: { js: ESM_REQUIRE_BANNER },
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'main/preload.ts')],
      outfile: path.join(root, 'dist/main/preload.cjs'),
      // The sandboxed preload has a browser-like global scope plus a limited require('electron').
      platform: 'browser',
      target: CHROME_TARGET,
      format: 'cjs',
    }),
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildMain(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
}
