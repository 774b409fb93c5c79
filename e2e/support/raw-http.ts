/**
 * Talking to a served port the way a client would, byte for byte: node:net, so a request
 * line can carry control characters no HTTP library would send.
 */
import net from 'node:net';

/** Writes `request`, reads until the server closes the connection; the whole response. */
export function rawExchange(
  port: number,
  request: string | Buffer,
  host = '127.0.0.1',
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ port, host }, () => socket.write(request));
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

/** Resolves once `port` can be listened on at 127.0.0.1 (then frees it again). */
export function bindPort(port: number, host = '127.0.0.1'): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => resolve(server));
  });
}

export function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
