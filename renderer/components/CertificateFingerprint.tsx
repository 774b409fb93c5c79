/**
 * The certificate of a server running HTTPS, next to its URLs and QR code: its SHA-256
 * fingerprint (selectable, as a phone's certificate details show it) so the person can check
 * that the certificate a phone is asked to trust is this one, and why a new one was made.
 */
import { Fragment } from 'react';
import type { ServerCertificate } from '../../shared/ipc.js';

export function CertificateFingerprint({ certificate }: { certificate: ServerCertificate }) {
  const { fingerprint, generated, renewal } = certificate;
  return (
    <div className="certificate">
      <p className="certificate-label" id="certificate-label">
        {generated ? 'Certificate for this computer' : 'Your certificate'}, SHA-256 fingerprint:
      </p>
      <code
        className="fingerprint"
        tabIndex={0}
        aria-labelledby="certificate-label certificate-value"
        id="certificate-value"
      >
        {/* A line may break only after a colon, so no byte pair is ever split. */}
        {fingerprint.split(':').map((pair, i) => (
          <Fragment key={i}>
            {i > 0 && (
              <>
                :<wbr />
              </>
            )}
            {pair}
          </Fragment>
        ))}
      </code>
      <p className="share-hint">
        {generated
          ? 'A phone will ask you to trust this certificate once: check that the fingerprint it shows is this one.'
          : 'Unless a public authority issued it, a phone will ask you to trust it once: check the fingerprint.'}
      </p>
      {renewal && (
        <p className="field-warning" role="status">
          {renewal}
        </p>
      )}
    </div>
  );
}
