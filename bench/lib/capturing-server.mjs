// A server from the built library with the desktop app's kind of sink (records built, no
// stderr lines), capturing bodies or not: `node capturing-server.mjs LIB_INDEX PORT DIR on|off`.
// bench/body-capture.mjs measures its CPU per request (docs/architecture.md § Engine: body capture).
const [libIndex, port, dir, capture] = process.argv.slice(2);
const { ThreadingHTTPServer, makeHandlerClass } = await import(libIndex);
let kept = 0;
const sink = {
  message() {},
  request(_record, bodies) {
    if (bodies) kept += bodies.response.bytes.length;
  },
  captureBodies: capture === 'on',
};
const server = new ThreadingHTTPServer(
  ['127.0.0.1', Number(port)],
  makeHandlerClass({ directory: dir, protocolVersion: 'HTTP/1.1' }),
  { logSink: sink },
);
await server.ready;
process.on('SIGTERM', () => {
  process.stdout.write(`kept ${kept} body bytes\n`);
  process.exit(0);
});
void server.serveForever();
