// Renders one run: the per-workload table (console and markdown) and the targets.

const COLUMNS = [
  'Workload',
  'Server',
  'req/s',
  'MiB/s',
  'p99 ms',
  'errors',
  'peak RSS MiB',
  'spread',
  'httpdesk ×',
];
const RIGHT_ALIGNED = new Set(COLUMNS.slice(2));

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const significant = (value) =>
  !Number.isFinite(value)
    ? '–'
    : value >= 100
      ? value.toFixed(0)
      : value >= 10
        ? value.toFixed(1)
        : value.toFixed(2);

/** One row per (workload, server) measured, in the order given. */
export function tableRows(workloads, servers, summary) {
  const rows = [];
  for (const workload of workloads) {
    const byServer = summary[workload.id] ?? {};
    const ours = byServer.httpdesk?.[workload.metric];
    for (const server of servers) {
      const s = byServer[server.id];
      if (!s) continue;
      const theirs = s[workload.metric];
      const ratio =
        server.id === 'httpdesk' || !Number.isFinite(ours) || !theirs
          ? ''
          : `${(ours / theirs).toFixed(2)}×`;
      rows.push([
        workload.label,
        server.id,
        workload.kind === 'download' ? '–' : fixed(s.rps, 0),
        significant(s.mibps),
        workload.kind === 'download' ? '–' : significant(s.p99Ms),
        s.failure ? `${s.errors} (${s.failure})` : String(s.errors),
        fixed(s.peakMiB, 1),
        Number.isFinite(s.spread) ? `±${(s.spread * 50).toFixed(1)}%` : '–',
        ratio,
      ]);
    }
  }
  return rows;
}

export function textTable(rows, columns = COLUMNS) {
  const widths = columns.map((name, i) =>
    Math.max(name.length, ...rows.map((row) => row[i].length)),
  );
  const line = (cells) =>
    cells
      .map((cell, i) =>
        RIGHT_ALIGNED.has(columns[i]) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]),
      )
      .join('  ');
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function markdownTable(rows, columns = COLUMNS) {
  const header = `| ${columns.join(' | ')} |`;
  const rule = `| ${columns.map((name) => (RIGHT_ALIGNED.has(name) ? '---:' : '---')).join(' | ')} |`;
  return [
    header,
    rule,
    ...rows.map((row) => `| ${row.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`),
  ].join('\n');
}

const TARGET_COLUMNS = ['Target', 'measured', 'required', 'result'];

export function targetRows(targets) {
  return targets.map((t) => [
    t.name,
    t.measured,
    t.required,
    t.pass === null ? 'not measured' : t.pass ? 'PASS' : 'FAIL',
  ]);
}

export function targetText(targets) {
  return textTable(targetRows(targets), TARGET_COLUMNS);
}

export function targetMarkdown(targets) {
  return markdownTable(targetRows(targets), TARGET_COLUMNS);
}

/** The whole run as markdown: what ran where, the table, the targets, the notes. */
export function markdownReport({ machine, config, command, rows, targets, notes }) {
  return `# HTTP Desk benchmark — latest run

${machine.date} · ${machine.cpu} × ${machine.cores} cores · Linux ${machine.kernel} · Node ${machine.node} · ${machine.wrk}
Servers pinned to CPU ${config.serverCpu ?? '(none)'}, load generator to CPU ${config.loadCpu ?? '(none)'}.
Each workload starts every server afresh (peak RSS belongs to that workload), warms it up (${config.warmupSeconds} s),
then runs ${config.rounds} rounds × ${config.seconds} s per wrk run with the servers in rotating order; median of rounds;
spread = ±half the range across rounds, relative to the median. \`httpdesk ×\` = httpdesk's figure / that server's
(requests/s, or MiB/s for the download), from this run.

Command: \`${command}\`

${markdownTable(rows)}

${targetMarkdown(targets)}
${notes.length ? `\nNotes:\n\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
}
