/**
 * Figures the hardening tests measure (inputs tried, connections held, memory), written as
 * one JSON file per figure to $TMPDIR/httpdesk-hardening-figures/ and echoed to the console,
 * so docs/security.md can quote what a run actually measured.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const FIGURES_DIR = path.join(tmpdir(), 'httpdesk-hardening-figures');

export function recordFigure(name: string, value: Record<string, unknown>): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  const entry = { ...value, node: process.version, at: new Date().toISOString() };
  writeFileSync(path.join(FIGURES_DIR, `${name}.json`), JSON.stringify(entry, null, 2) + '\n');
  console.info(`[figure] ${name}: ${JSON.stringify(value)}`);
}
