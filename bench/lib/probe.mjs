// Before measuring, check that a server answers every workload's URL with the right bytes,
// so a fast wrong answer (an error page, a truncated file) cannot win.
import http from 'node:http';
import { LISTING_ENTRIES, PATHS } from './data.mjs';

function get(port, urlPath, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: urlPath, method, agent: false },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** Returns a list of problems (empty when the server serves the data correctly). */
export async function probeServer(port, sizes) {
  const problems = [];
  const expect = async (urlPath, check, method) => {
    try {
      const problem = check(await get(port, urlPath, method));
      if (problem) problems.push(`${method ?? 'GET'} ${urlPath}: ${problem}`);
    } catch (err) {
      problems.push(`${method ?? 'GET'} ${urlPath}: ${err.message}`);
    }
  };
  const okWithSize = (size) => (r) =>
    r.status !== 200
      ? `status ${r.status}`
      : r.body.length !== size
        ? `${r.body.length} bytes, expected ${size}`
        : null;
  await expect(PATHS.small, okWithSize(sizes.small));
  await expect(PATHS.medium, okWithSize(sizes.medium));
  await expect(
    PATHS.big,
    (r) =>
      r.status !== 200
        ? `status ${r.status}`
        : Number(r.headers['content-length']) !== sizes.big
          ? `Content-Length ${r.headers['content-length']}, expected ${sizes.big}`
          : null,
    'HEAD',
  );
  const last = `entry-${String(LISTING_ENTRIES - 1).padStart(5, '0')}.txt`;
  await expect(PATHS.listing, (r) =>
    r.status !== 200
      ? `status ${r.status}`
      : r.body.includes(last)
        ? null
        : `listing lacks ${last}`,
  );
  await expect(PATHS.missing, (r) =>
    r.status === 404 ? null : `status ${r.status}, expected 404`,
  );
  return problems;
}
