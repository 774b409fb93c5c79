/**
 * shared/scrub.ts: Python 3.12's control-character table for log text, and the window's
 * stricter display scrub — and the rule that text is scrubbed once (docs/architecture.md
 * § Engine: logging).
 */
import { describe, expect, it } from 'vitest';
import { scrubControlChars, scrubForDisplay } from '../../shared/scrub.js';
import { displayText } from '../../renderer/log/format.js';

describe('scrubControlChars (server.py _control_char_table)', () => {
  it.each([
    ['plain text', 'plain text'],
    ['\x1b[31mred', '\\x1b[31mred'],
    ['a\r\nb', 'a\\x0d\\x0ab'],
    ['\x00\x7f\x9f', '\\x00\\x7f\\x9f'],
    ['back\\slash', 'back\\\\slash'],
    ['é ü \xa0', 'é ü \xa0'],
    ['\u202e', '\u202e'], // not a C0/C1 control: Python leaves it
  ])('%j → %j', (text, scrubbed) => expect(scrubControlChars(text)).toBe(scrubbed));
});

describe('scrubForDisplay (what the window shows)', () => {
  it.each([
    ['\u202egnp.exe', '\\u{202e}gnp.exe'],
    ['zero\u200bwidth', 'zero\\u{200b}width'],
    ['\ufeffbom', '\\u{feff}bom'],
    ['line\u2028sep', 'line\\u{2028}sep'],
    ['\x1b', '\\x1b'],
  ])('%j → %j', (text, shown) => expect(scrubForDisplay(text)).toBe(shown));
});

describe('the double-scrub rule', () => {
  it.each([
    ['\x1b[2J', '\\x1b[2J'],
    ['C:\\path', 'C:\\\\path'],
    ['\u202eevil', '\\u{202e}evil'],
    ['a\\x1bb', 'a\\\\x1bb'],
  ])('raw %j reads the same on stderr and on screen', (raw, expected) => {
    const record = scrubControlChars(raw); // what the engine puts in a record
    expect(displayText(record)).toBe(scrubForDisplay(raw));
    expect(scrubForDisplay(raw)).toBe(expected);
  });

  it('scrubbing scrubbed text again doubles the backslashes (why displayText splits)', () => {
    const record = scrubControlChars('\x1b');
    expect(scrubForDisplay(record)).toBe('\\\\x1b');
    expect(displayText(record)).toBe('\\x1b');
  });
});
