/**
 * A fixed-capacity FIFO: pushing past capacity drops the oldest item. Memory stays bounded
 * however fast requests arrive (docs/architecture.md § Desktop app: log pipeline). The
 * panel keeps one per server, and main keeps a smaller one per server to replay after a reload.
 */
export class RingBuffer<T> {
  readonly #items: Array<T | undefined>;
  #start = 0;
  #count = 0;
  /** How many items have been dropped off the front since the last clear. */
  evicted = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be ≥ 1');
    this.#items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.#count;
  }

  push(item: T): void {
    if (this.#count < this.capacity) {
      this.#items[(this.#start + this.#count) % this.capacity] = item;
      this.#count += 1;
      return;
    }
    this.#items[this.#start] = item;
    this.#start = (this.#start + 1) % this.capacity;
    this.evicted += 1;
  }

  /** 0 is the oldest item kept. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.#count) return undefined;
    return this.#items[(this.#start + index) % this.capacity];
  }

  clear(): void {
    this.#items.fill(undefined);
    this.#start = 0;
    this.#count = 0;
    this.evicted = 0;
  }
}
