/** File names as bytes, for names that are not UTF-8: `nameBytes('caf', [0xe9], '.txt')`. */
export function nameBytes(...parts: Array<string | number[]>): Buffer {
  return Buffer.concat(parts.map((part) => Buffer.from(part as string)));
}
