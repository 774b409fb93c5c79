/** shared/ring-buffer.ts: the capped FIFO behind the log (docs/architecture.md § Desktop app: log pipeline). */
import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../shared/ring-buffer.js';

const contents = <T>(ring: RingBuffer<T>): T[] =>
  Array.from({ length: ring.length }, (_, i) => ring.at(i) as T);

describe('RingBuffer', () => {
  it.each([
    [3, [], [], 0],
    [3, [1, 2], [1, 2], 0],
    [3, [1, 2, 3], [1, 2, 3], 0],
    [3, [1, 2, 3, 4], [2, 3, 4], 1],
    [3, [1, 2, 3, 4, 5, 6, 7], [5, 6, 7], 4],
    [1, [1, 2], [2], 1],
  ])('capacity %d, pushed %j → keeps %j, evicted %d', (capacity, pushed, kept, evicted) => {
    const ring = new RingBuffer<number>(capacity);
    for (const item of pushed) ring.push(item);
    expect(contents(ring)).toEqual(kept);
    expect(ring.length).toBe(kept.length);
    expect(ring.evicted).toBe(evicted);
  });

  it('answers undefined outside what it holds', () => {
    const ring = new RingBuffer<string>(2);
    ring.push('a');
    expect([ring.at(-1), ring.at(0), ring.at(1)]).toEqual([undefined, 'a', undefined]);
  });

  it('clear empties it and resets the count of evicted items', () => {
    const ring = new RingBuffer<number>(2);
    for (const n of [1, 2, 3]) ring.push(n);
    ring.clear();
    expect([ring.length, ring.evicted, ring.at(0)]).toEqual([0, 0, undefined]);
    ring.push(9);
    expect(contents(ring)).toEqual([9]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses capacity %d', (capacity) => {
    expect(() => new RingBuffer(capacity)).toThrow(RangeError);
  });
});
