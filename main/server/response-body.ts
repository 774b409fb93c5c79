/**
 * What `send_head` returns for `do_GET` to copy: a Buffer (small files and listings, sent
 * with the head in one write) or an open file streamed in constant memory.
 */
import type { FileHandle } from 'node:fs/promises';

export class FileBody {
  constructor(
    readonly handle: FileHandle,
    /** The Content-Length that was promised: never send more, close if the file gives less. */
    readonly size: number,
  ) {}

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

export type ResponseBody = Buffer | FileBody;

export async function closeBody(body: ResponseBody): Promise<void> {
  if (body instanceof FileBody) await body.close();
}
