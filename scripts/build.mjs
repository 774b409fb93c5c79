// Builds every part of HTTP Desk into dist/:
//   dist/lib/       the engine + CLI + shared/ as ESM with .d.ts (the package's library and `bin`)
//   dist/main/      the Electron main process and preload, bundled by esbuild
//   dist/renderer/  the React control panel, built by Vite
// `node scripts/build.mjs lib` builds dist/lib/ only: what `npm pack` ships (prepack). It
// removes the app's bundles too, because npm always packs the file `main` names (the
// Electron entry, dist/main/main.js) when it exists; `npm run build` brings them back.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

const libOnly = process.argv[2] === 'lib';

rmSync(path.join(root, 'dist'), { recursive: true, force: true });

run(bin('tsc'), ['-p', 'tsconfig.build.json']);
chmodSync(path.join(root, 'dist/lib/main/cli.js'), 0o755);
if (libOnly) process.exit(0);

if (existsSync(path.join(root, 'main/main.ts'))) {
  const { buildMain } = await import('./build-main.mjs');
  await buildMain(root);
}
if (existsSync(path.join(root, 'renderer/index.html'))) {
  run(bin('vite'), ['build', '--logLevel', 'warn']);
}
