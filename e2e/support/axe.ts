/**
 * An axe-core audit of what a page shows now: serious and critical violations (WCAG 2.1 AA:
 * contrast, names, ARIA use, landmarks), the two moderate ones the walk-through names, and
 * aria-describedby references that point at nothing.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Moderate in axe's scale, but named by the walk-through: content outside landmarks, <pre aria-label>. */
const ALSO_REQUIRED = new Set(['region', 'aria-prohibited-attr']);

/** Every aria-describedby must name elements that exist (axe does not check this). */
async function danglingDescriptions(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[aria-describedby]')].flatMap((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter((id) => id !== '' && document.getElementById(id) === null)
        .map((id) => `aria-describedby="${id}" on #${el.id || el.tagName} points at nothing`),
    ),
  );
}

export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const axe = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALSO_REQUIRED.has(v.id))
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
    );
  return [...axe, ...(await danglingDescriptions(page))];
}
