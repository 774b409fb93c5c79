/**
 * Builds the panel with Vite once before the specs, so they always test the current
 * sources (the same build `npm run build` makes: dist/renderer).
 */
import { build } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export default async function globalSetup(): Promise<void> {
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
