// httpdesk's performance targets (README "Performance"), checked against one run's medians. Ratios are httpdesk's figure
// divided by the peer's, from the same run (absolute numbers vary between machines).

const TRAP_MIN_RPS = 1000;
const RSS_LIMIT_MIB = 100;

function ratio(summary, workload, peer, metric) {
  const ours = summary[workload]?.httpdesk?.[metric];
  const theirs = summary[workload]?.[peer]?.[metric];
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return null;
  return ours / theirs;
}

function bestPython(summary, workload) {
  const candidates = ['python-1.0', 'python-1.1'].filter((id) => summary[workload]?.[id]);
  return candidates.sort((a, b) => summary[workload][b].rps - summary[workload][a].rps)[0] ?? null;
}

/** Each target: { name, measured (text), required (text), pass: true | false | null (not measured) }. */
export function evaluateTargets(summary) {
  const targets = [];
  const ratioTarget = (name, workload, peer, min, metric = 'rps') => {
    const value = peer ? ratio(summary, workload, peer, metric) : null;
    targets.push({
      name,
      measured: value === null ? 'n/a' : `${value.toFixed(2)}×`,
      required: `≥ ${min}×`,
      pass: value === null ? null : value >= min,
    });
  };
  ratioTarget('1 KiB keep-alive vs http-server', 'ka-1k', 'http-server', 4);
  ratioTarget('1 KiB new connection vs http-server', 'close-1k', 'http-server', 2);
  ratioTarget('1 MiB file vs http-server', 'file-1m', 'http-server', 2.4);
  ratioTarget('big download vs http-server', 'download', 'http-server', 2, 'mibps');
  ratioTarget('big download vs nginx', 'download', 'nginx', 0.9, 'mibps');
  ratioTarget('10,000-entry listing vs http-server', 'listing', 'http-server', 10);
  const python = bestPython(summary, 'listing');
  ratioTarget(
    `10,000-entry listing vs ${python ?? 'python'} (faster python)`,
    'listing',
    python,
    1.5,
  );
  ratioTarget('404s vs http-server', '404', 'http-server', 1);
  ratioTarget('64 connections vs http-server', 'c64', 'http-server', 4);
  ratioTarget('random 64 KiB ranges vs http-server', 'ranges', 'http-server', 2);

  const peaks = Object.values(summary)
    .map((byServer) => byServer.httpdesk?.peakMiB)
    .filter(Number.isFinite);
  const peak = peaks.length ? Math.max(...peaks) : null;
  targets.push({
    name: 'httpdesk peak RSS, any workload',
    measured: peak === null ? 'n/a' : `${peak.toFixed(1)} MiB`,
    required: `≤ ${RSS_LIMIT_MIB} MiB`,
    pass: peak === null ? null : peak <= RSS_LIMIT_MIB,
  });
  const trap = summary.trap?.httpdesk?.rps;
  targets.push({
    name: 'no keep-alive trap (1 connection, 1 KiB)',
    measured: Number.isFinite(trap) ? `${Math.round(trap)} req/s` : 'n/a',
    required: `≥ ${TRAP_MIN_RPS} req/s`,
    pass: Number.isFinite(trap) ? trap >= TRAP_MIN_RPS : null,
  });
  const errors = Object.values(summary).reduce(
    (sum, byServer) => sum + (byServer.httpdesk?.errors ?? 0),
    0,
  );
  const measuredAny = Object.values(summary).some((byServer) => byServer.httpdesk);
  targets.push({
    name: 'httpdesk errors, all workloads',
    measured: measuredAny ? String(errors) : 'n/a',
    required: '0',
    pass: measuredAny ? errors === 0 : null,
  });
  return targets;
}
