/** renderer/log/view-with-dividers.ts: restart dividers placed among the log's rows. */
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../renderer/log/log-store.js';
import type { LogDivider } from '../../renderer/log/restart-divider.js';
import { withDividers, type RowList } from '../../renderer/log/view-with-dividers.js';

const rowsWith = (seqs: number[]): RowList => ({
  length: seqs.length,
  at: (i) =>
    i >= 0 && i < seqs.length ? ({ kind: 'request', seq: seqs[i] } as LogRow) : undefined,
});
const divider = (afterSeq: number): LogDivider => ({
  kind: 'divider',
  afterSeq,
  run: afterSeq,
  time: '',
  text: `after ${afterSeq}`,
});
const layout = (seqs: number[], after: number[], oldest = seqs[0] ?? 0): string[] => {
  const view = withDividers(rowsWith(seqs), after.map(divider), oldest);
  return Array.from({ length: view.length }, (_, i) => {
    const entry = view.at(i);
    return entry?.kind === 'divider' ? `|${entry.afterSeq}` : String(entry?.seq);
  });
};

describe('withDividers', () => {
  it.each<[number[], number[], string[]]>([
    [[1, 2, 3], [], ['1', '2', '3']],
    [[1, 2, 3], [2], ['1', '2', '|2', '3']],
    [
      [1, 2, 3],
      [1, 3],
      ['1', '|1', '2', '3', '|3'],
    ],
    // A filter kept 1 and 4: a divider after the hidden 2 still parts them.
    [[1, 4], [2], ['1', '|2', '4']],
  ])('rows %j, dividers after %j → %j', (seqs, after, expected) => {
    expect(layout(seqs, after)).toEqual(expected);
  });

  it('leaves out a divider whose row left the buffer', () => {
    expect(layout([5, 6], [2, 5], 5)).toEqual(['5', '|5', '6']);
  });
});
