/**
 * Asks the real python3 for answers, so pure ports are checked against CPython itself
 * (Python is the reference: docs/architecture.md § Engine: Python names). One process per batch keeps it fast.
 */
import { spawnSync } from 'node:child_process';

/**
 * Runs `body` (Python source defining `def answer(x): ...`) over every input and returns
 * the answers in order. An exception becomes `{ "raises": "ExceptionName" }`.
 */
export function askPython<I, O>(body: string, inputs: readonly I[]): Array<O | { raises: string }> {
  const program = `
import json, sys
${body}
out = []
for x in json.loads(sys.stdin.read()):
    try:
        out.append(answer(x))
    except Exception as e:
        out.append({"raises": type(e).__name__})
sys.stdout.write(json.dumps(out))
`;
  const result = spawnSync('python3', ['-c', program], {
    input: JSON.stringify(inputs),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Array<O | { raises: string }>;
}
