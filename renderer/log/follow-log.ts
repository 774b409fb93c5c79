/**
 * Feeds the store from main: first the log main kept for each server (so a reloaded window
 * shows what happened before the reload), then the live batches. Live batches that arrive
 * while the replay is on its way are held, and those the replay already covers (by batch
 * number) are skipped, so no record shows twice and none is missed.
 */
import type { LogBatch } from '../../shared/ipc.js';
import type { Bridge } from '../bridge.js';
import type { LogStore } from './log-store.js';

/** Returns the unsubscribe function (for a React effect's cleanup). */
export function followLog(bridge: Bridge, store: LogStore): () => void {
  let cancelled = false;
  let replayedUpTo: number | null = null;
  const early: LogBatch[] = [];
  const fresh = (batch: LogBatch) =>
    replayedUpTo === null || batch.seq === undefined || batch.seq > replayedUpTo;

  const unsubscribe = bridge.onLog((batch) => {
    if (replayedUpTo === null) early.push(batch);
    else if (fresh(batch)) store.ingest(batch);
  });
  const settle = (upTo: number) => {
    if (cancelled) return;
    replayedUpTo = upTo;
    for (const batch of early.splice(0)) if (fresh(batch)) store.ingest(batch);
  };
  bridge.recentLog().then(
    (history) => {
      if (cancelled) return;
      store.ingest(history);
      settle(history.seq ?? 0);
    },
    () => settle(0), // no history: the live log still works
  );
  return () => {
    cancelled = true;
    unsubscribe();
  };
}
