/**
 * Python's log line, `127.0.0.1 - - [24/Nov/2026 09:30:00] "GET / HTTP/1.1" 200 -`, as a
 * RegExp that pins everything but the time.
 */
export function pythonLogLine(text: string, client = '127.0.0.1'): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(
    `^${escape(client)} - - \\[\\d{2}/[A-Z][a-z]{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}\\] ${escape(text)}$`,
  );
}

/** The request an `http.client.HTTPConnection.request()` sends, byte for byte. */
export function httpClientRequest(
  method: string,
  uri: string,
  port: number,
  options: { version?: string; headers?: Array<[string, string]>; body?: string } = {},
): string {
  const lines = [`${method} ${uri} ${options.version ?? 'HTTP/1.1'}`];
  lines.push(`Host: 127.0.0.1:${port}`, 'Accept-Encoding: identity');
  if (options.body !== undefined)
    lines.push(`Content-Length: ${Buffer.byteLength(options.body, 'latin1')}`);
  for (const [name, value] of options.headers ?? []) lines.push(`${name}: ${value}`);
  return lines.join('\r\n') + '\r\n\r\n' + (options.body ?? '');
}
