/**
 * Who connected to this server: one line per client address and device, with its request
 * count and when it was last seen, newest first. "Show in log" filters the log to that
 * address, so a teacher can find one student's requests.
 */
import type { ClientTally } from './client-tally.js';
import { formatClock } from './format.js';

interface Props {
  clients: ClientTally;
  onShowInLog(address: string): void;
}

export function ClientsSummary({ clients, onShowInLog }: Props) {
  const list = clients.list();
  return (
    <section id="clients-summary" className="clients-summary" aria-labelledby="clients-title">
      <h3 id="clients-title" className="clients-title">
        Who connected{' '}
        <span className="field-hint">
          {list.length === 1 ? '1 client' : `${list.length} clients`} since the log was cleared
          {clients.forgotten > 0 ? ` (${clients.forgotten} seen longest ago not kept)` : ''}
        </span>
      </h3>
      {list.length === 0 ? (
        <p className="field-hint">Nobody yet: each client appears here with its first request.</p>
      ) : (
        <div className="clients-scroll">
          <table className="clients-table">
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Device</th>
                <th scope="col" className="num">
                  Requests
                </th>
                <th scope="col">Last seen</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((client) => (
                <tr key={`${client.address}\n${client.device}`}>
                  <td className="mono">{client.address}</td>
                  <td>{client.device}</td>
                  <td className="num mono">{client.requests}</td>
                  <td className="mono">{formatClock(client.lastSeen).slice(0, 8)}</td>
                  <td>
                    <button
                      type="button"
                      className="button small subtle"
                      aria-label={`Show requests from ${client.address} in the log`}
                      onClick={() => onShowInLog(client.address)}
                    >
                      Show in log
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
