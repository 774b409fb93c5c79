/**
 * Says that a CGI script failed, and how: the status line went out as 200 before the
 * script ran (server.py does the same), so the status alone cannot tell.
 */
import { scriptFailed, type ScriptOutcome } from '../../shared/log.js';
import { displayText } from './format.js';

export function ScriptNote({ outcome, stderr }: { outcome?: ScriptOutcome; stderr: number }) {
  if (!outcome || !scriptFailed(outcome)) return null;
  const how =
    outcome.killedBecause !== null
      ? `the server ended it (${displayText(outcome.killedBecause)})`
      : outcome.exitCode < 0
        ? `it was killed by signal ${-outcome.exitCode}`
        : `it exited with code ${outcome.exitCode}`;
  return (
    <p className="script-note" role="note">
      <strong>The CGI script failed:</strong> {how}. The client still got “200 Script output
      follows”, sent before the script ran.
      {stderr > 0 ? ' What it wrote to stderr is below.' : ' It wrote nothing to stderr.'}
    </p>
  );
}
