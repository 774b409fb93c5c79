/**
 * What the app-under-load benchmark measures inside the page: long tasks, gaps between
 * animation frames, how long a click waits for its handler, and how many log records the
 * renderer's bridge delivered. Installed with page.evaluate(installProbes) once the panel is up.
 */
import type { DeskBridge, LogBatch } from '../../shared/ipc.js';

export interface ClickSample {
  /** ms from the input event's timestamp to the start of its handler (input delay). */
  delay: number;
  /** ms from the input event to the next animation frame after the handler (click → paint). */
  toFrame: number;
}

export interface ProbeState {
  longTasks: number[];
  /** Frame gaps in ms (rAF to rAF), only while `recording`. */
  frameGaps: number[];
  clicks: ClickSample[];
  /** Event Timing entries for clicks: processingStart - startTime. */
  eventInputDelays: number[];
  received: number;
  /** Delivered records by status ('none' for a record without a status). */
  byStatus: Record<string, number>;
  dropped: number;
  batches: number;
  recording: boolean;
}

/** The element the benchmark clicks: fixed in a corner, outside the panel's controls. */
export const PROBE_ID = 'bench-click-probe';

/** Runs in the page. Keep self-contained: it is serialised by Playwright. */
export function installProbes(probeId: string): void {
  const w = window as unknown as { __benchProbe?: ProbeState; httpdesk?: DeskBridge };
  const state: ProbeState = {
    longTasks: [],
    frameGaps: [],
    clicks: [],
    eventInputDelays: [],
    received: 0,
    byStatus: {},
    dropped: 0,
    batches: 0,
    recording: false,
  };
  w.__benchProbe = state;
  new PerformanceObserver((list) => {
    if (!state.recording) return;
    for (const entry of list.getEntries()) state.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: false });
  try {
    new PerformanceObserver((list) => {
      if (!state.recording) return;
      for (const entry of list.getEntries() as PerformanceEventTiming[]) {
        if (entry.name === 'click' || entry.name === 'pointerdown') {
          state.eventInputDelays.push(entry.processingStart - entry.startTime);
        }
      }
    }).observe({
      type: 'event',
      durationThreshold: 16,
      buffered: false,
    } as PerformanceObserverInit);
  } catch {
    // Event Timing missing: the click listener below still measures input delay.
  }
  let last = performance.now();
  const onFrame = (now: number) => {
    if (state.recording) state.frameGaps.push(now - last);
    last = now;
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  const probe = document.createElement('div');
  probe.id = probeId;
  probe.setAttribute('aria-hidden', 'true');
  probe.style.cssText =
    'position:fixed;right:0;bottom:0;width:24px;height:24px;z-index:2147483647;opacity:0.01';
  document.body.append(probe);
  probe.addEventListener('click', (event) => {
    const delay = performance.now() - event.timeStamp;
    requestAnimationFrame(() => {
      state.clicks.push({ delay, toFrame: performance.now() - event.timeStamp });
    });
  });

  w.httpdesk?.onLog((batch: LogBatch) => {
    state.received += batch.requests.length;
    for (const record of batch.requests) {
      const key = record.status === null ? 'none' : String(record.status);
      state.byStatus[key] = (state.byStatus[key] ?? 0) + 1;
    }
    state.dropped += batch.dropped;
    state.batches++;
  });
}
