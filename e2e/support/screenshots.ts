/**
 * Where a spec saves a picture of the panel. Into docs/ (the README's images, tracked in
 * git) only when asked — `npm run screenshots`, which sets HTTPDESK_SCREENSHOTS=1 — so an
 * ordinary `npm test` never rewrites committed images; otherwise into this run's
 * test-results/screenshots/, to look at.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const SCREENSHOT_DIR = process.env.HTTPDESK_SCREENSHOTS
  ? path.join(repo, 'docs')
  : path.join(repo, 'test-results/screenshots');

/** The path for `name` (e.g. 'panel-dark.png') under SCREENSHOT_DIR. */
export function screenshotPath(name: string): string {
  return path.join(SCREENSHOT_DIR, name);
}
