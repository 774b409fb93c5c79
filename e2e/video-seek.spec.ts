/**
 * A video served by HTTP Desk plays in Chromium's <video> and seeks to its middle: the
 * browser asks for the part it needs with a Range request (RFC 9110 §14), the server answers
 * 206, and the panel's log and inspector show it — the Range asked for, the Content-Range
 * sent, and the bytes actually sent in the size column.
 *
 * The clip is made here with Debian's ffmpeg: 10 s of testsrc with noise (so it cannot
 * compress to a size the browser reads in one go), VP8 in WebM at 10 frames/s (encoding is
 * what takes time on a busy machine; the bitrate, not the frame rate, sets the size), a
 * keyframe every second.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startServer } from './support/panel.js';

const hasFfmpeg = (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function makeClip(file: string): void {
  // Only loopback and local files: lavfi generates the frames.
  execFileSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-y', '-f', 'lavfi'],
      ...['-i', 'testsrc=duration=10:size=640x360:rate=10', '-vf', 'noise=alls=40:allf=t+u'],
      ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '6M'],
      ...['-minrate', '6M', '-maxrate', '6M', '-bufsize', '6M'],
      ...['-g', '10', '-keyint_min', '10', '-pix_fmt', 'yuv420p', file],
    ],
    { stdio: 'ignore', timeout: 300_000 }, // a bound on waiting, not a speed check
  );
}

test('a video seeks to its middle through a 206, shown in the log and the inspector', async ({
  panel,
  tmp,
}) => {
  test.skip(!hasFfmpeg, 'ffmpeg is not installed (.ci/run installs it)');
  test.setTimeout(400_000);
  const site = path.join(tmp, 'site');
  await mkdir(site);
  makeClip(path.join(site, 'clip.webm'));
  await writeFile(
    path.join(site, 'watch.html'),
    '<!doctype html><title>watch</title><video src="clip.webm" preload="metadata" muted></video>\n',
  );
  const port = await freePort();
  await configure(panel, { folder: site, port, protocol: 'HTTP/1.1' });
  await startServer(panel);

  const viewer = await panel.context().newPage();
  await viewer.goto(`http://127.0.0.1:${port}/watch.html`);
  const video = viewer.locator('video');
  await viewer.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
  expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeCloseTo(10, 0);

  // Seek to the middle, then let it play on from there.
  const landed = await video.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<number>((resolve) => {
        v.addEventListener('seeked', () => resolve(v.currentTime), { once: true });
        v.currentTime = 5;
      }),
  );
  expect(landed).toBeCloseTo(5, 1);
  await video.evaluate((v: HTMLVideoElement) => v.play());
  await viewer.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 5.2);
  await viewer.close();

  // The log: Chromium's requests for the clip are 206s, one of them from inside the file.
  const clipRows = logRows(panel).filter({ hasText: 'GET /clip.webm HTTP/1.1' });
  await expect(clipRows.first()).toBeVisible();
  const statuses = await clipRows.getByRole('gridcell').nth(5).allTextContents();
  expect(statuses.every((s) => s.startsWith('206'))).toBe(true);
  let seekRange: string | null = null;
  for (let i = (await clipRows.count()) - 1; i >= 0 && !seekRange; i--) {
    await clipRows.nth(i).click();
    const request = panel.getByRole('region', { name: 'Request, as received' }).locator('pre');
    const range = /^Range: bytes=(\d+)-/m.exec((await request.textContent()) ?? '');
    if (range && Number(range[1]) > 0) seekRange = range[1] as string;
  }
  expect(seekRange, 'a Range request from the middle of the clip').not.toBeNull();
  const response = panel.getByRole('region', { name: 'Response, as sent' }).locator('pre');
  await expect(response).toContainText('HTTP/1.1 206 Partial Content');
  await expect(response).toContainText(`Content-Range: bytes ${seekRange}-`);

  // The size column shows the bytes a range sent, not the file's size.
  const small = await fetch(`http://127.0.0.1:${port}/clip.webm`, {
    headers: { Range: 'bytes=100-199' },
  });
  expect(small.status).toBe(206);
  expect((await small.arrayBuffer()).byteLength).toBe(100);
  const row = logRows(panel).filter({ hasText: 'GET /clip.webm' }).last();
  await expect(row.getByRole('gridcell').nth(6)).toHaveText('100 B');
});
