/** Every URL a browser can use, each with copy, open-in-browser and a QR code for phones. */
import { useEffect, useRef, useState } from 'react';
import { interfaceLabel } from '../../shared/interface-label.js';
import type { Result, ServerCertificate, ServerLink } from '../../shared/ipc.js';
import { CertificateFingerprint } from './CertificateFingerprint.js';
import { QrCode } from './QrCode.js';

interface Props {
  urls: string[];
  /** The URLs with their interfaces, network ones first (main's order). */
  links?: ServerLink[];
  openUrl(url: string): Promise<Result>;
  /** Switch to all interfaces and restart: offered while only this computer can connect. */
  onShare?(): void;
  /** Over HTTPS: shown next to the addresses and in the QR dialog. */
  certificate?: ServerCertificate;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (no focus, no permission): the selection-based fallback.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host.startsWith('127.') || host === '[::1]';
  } catch {
    return false;
  }
}

function linkLabel(link: ServerLink): string {
  if (link.internal) return 'This computer';
  return link.interface === '' ? 'Network' : interfaceLabel(link.interface);
}

export function UrlList({ urls, links: given, openUrl, onShare, certificate }: Props) {
  const [status, setStatus] = useState('');
  const [qrUrl, setQrUrl] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (qrUrl !== null && !el.open) el.showModal();
    if (qrUrl === null && el.open) el.close();
  }, [qrUrl]);

  useEffect(() => {
    if (status === '') return;
    const timer = setTimeout(() => setStatus(''), 2500);
    return () => clearTimeout(timer);
  }, [status]);

  const links: ServerLink[] =
    given ?? urls.map((url) => ({ url, interface: '', internal: isLoopbackUrl(url) }));
  const onlyLocal = links.length > 0 && links.every((l) => l.internal);
  // The phone's address: the first network one (main puts IPv4 first).
  const best = links.find((l) => !l.internal);

  return (
    <div className={best ? 'urls sharing' : 'urls'}>
      <ul className="url-list" aria-label="Addresses of this server">
        {links.map(({ url, ...link }) => (
          <li key={url} className={link.internal ? 'url-item' : 'url-item lan'}>
            <span className="url-label">{linkLabel({ url, ...link })}</span>
            <a
              className="url"
              href={url}
              onClick={(e) => {
                // Never navigate the panel itself: the link opens in the user's browser.
                e.preventDefault();
                void openUrl(url);
              }}
            >
              {url}
            </a>
            <span className="url-actions">
              <button
                type="button"
                className="button small"
                aria-label={`Copy ${url}`}
                onClick={async () =>
                  setStatus((await copyText(url)) ? `Copied ${url}` : 'Copy failed')
                }
              >
                Copy
              </button>
              <button
                type="button"
                className="button small"
                aria-label={`Open ${url} in the browser`}
                onClick={async () => {
                  const result = await openUrl(url);
                  setStatus(result.ok ? `Opened ${url} in your browser` : result.error);
                }}
              >
                Open
              </button>
              <button
                type="button"
                className="button small"
                aria-label={`Show QR code for ${url}`}
                onClick={() => setQrUrl(url)}
              >
                QR
              </button>
            </span>
          </li>
        ))}
      </ul>
      {best && (
        <>
          <div className="share-inline">
            <QrCode text={best.url} size={112} />
          </div>
          <p className="share-hint">
            On a phone on the same Wi-Fi or network, scan the code or open the first address. Your
            firewall may ask to allow HTTP Desk.
          </p>
        </>
      )}
      {onlyLocal && (
        <p className="share-local">
          Only this computer can open this.{' '}
          {onShare && (
            <button type="button" className="button small primary" onClick={onShare}>
              Share on my network
            </button>
          )}
        </p>
      )}
      {certificate && <CertificateFingerprint certificate={certificate} />}
      <p className="url-status" role="status" aria-live="polite">
        {status}
      </p>
      <dialog
        ref={dialog}
        className="qr-dialog"
        aria-labelledby="qr-title"
        onClose={() => setQrUrl(null)}
      >
        {qrUrl !== null && (
          <>
            <h2 id="qr-title">Scan to open on a phone</h2>
            <QrCode text={qrUrl} />
            <p className="qr-url">{qrUrl}</p>
            {certificate && (
              <p className="qr-fingerprint">
                Certificate SHA-256: <span className="mono">{certificate.fingerprint}</span>
              </p>
            )}
            {isLoopbackUrl(qrUrl) && (
              <p className="field-warning">
                This address only works on this computer; a phone needs one of the network
                addresses.
              </p>
            )}
            <button
              type="button"
              className="button primary"
              autoFocus
              onClick={() => setQrUrl(null)}
            >
              Close
            </button>
          </>
        )}
      </dialog>
    </div>
  );
}
