/** main/log-export.ts: payload checks, safe file names, cancel, real writes and write errors. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_EXPORT_BYTES } from '../../shared/ipc.js';
import { DEFAULT_EXPORT_NAME, exportLog, safeFileName } from '../../main/log-export.js';
import { tempDir, type TempDir } from './helpers.js';

let dir: TempDir;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

describe('safeFileName', () => {
  it.each([
    ['requests.log', 'requests.log'],
    ['../../etc/passwd', 'passwd.txt'],
    ['C:\\Windows\\evil.log', 'evil.log'],
    ['.bashrc', 'bashrc.txt'],
    ['a<b>:c|d?.txt', 'a_b__c_d_.txt'],
    ['line\nbreak.log', 'line_break.log'],
    ['', DEFAULT_EXPORT_NAME],
    ['///', DEFAULT_EXPORT_NAME],
    [42, DEFAULT_EXPORT_NAME],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('caps the length and keeps the extension', () => {
    const name = safeFileName(`${'x'.repeat(500)}.log`);
    expect(name.length).toBeLessThanOrEqual(128);
    expect(name.endsWith('.log')).toBe(true);
  });
});

describe('exportLog', () => {
  it('writes the text where the user chose, offering the sanitized name', async () => {
    const target = path.join(dir.path, 'out.log');
    let offered = '';
    const result = await exportLog(
      { suggestedName: '../x.log', text: 'line 1\nline 2\n' },
      { askSavePath: async (name) => ((offered = name), target) },
    );
    expect(offered).toBe('x.log');
    expect(result).toEqual({ ok: true, value: target });
    expect(readFileSync(target, 'utf8')).toBe('line 1\nline 2\n');
  });

  it('answers null when the user cancels', async () => {
    const result = await exportLog(
      { suggestedName: 'a.log', text: 'x' },
      { askSavePath: async () => null },
    );
    expect(result).toEqual({ ok: true, value: null });
  });

  it.each([
    [null, /Nothing to export/],
    [[], /Nothing to export/],
    [{ suggestedName: 'a', text: 7 }, /must be text/],
  ])('refuses the payload %j without asking the user', async (payload, why) => {
    let asked = false;
    const result = await exportLog(payload, { askSavePath: async () => ((asked = true), null) });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(why) });
    expect(asked).toBe(false);
  });

  it('refuses a log over the size cap', async () => {
    const huge = 'é'.repeat(MAX_EXPORT_BYTES / 2 + 1); // fits in length, not in UTF-8 bytes
    const result = await exportLog(
      { suggestedName: 'a', text: huge },
      { askSavePath: async () => null },
    );
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/larger than 64 MB/) });
  });

  it('reports a write failure as a message', async () => {
    const result = await exportLog(
      { suggestedName: 'a', text: 'x' },
      { askSavePath: async () => path.join(dir.path, 'missing-folder', 'a.txt') },
    );
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringContaining('could not be saved'),
    });
  });

  it('refuses a relative path from the dialog', async () => {
    const result = await exportLog(
      { suggestedName: 'a', text: 'x' },
      { askSavePath: async () => 'a.txt' },
    );
    expect(result).toMatchObject({ ok: false });
  });
});
