/**
 * First run: one click serves the bundled sample site (a page that explains what the class
 * is looking at, a folder listing and a CGI script), so a teacher needs no folder of their
 * own. Main says where the site is (packaged resource or app/sample-site).
 */
interface Props {
  folder: string | null;
  onServe(folder: string): void;
}

export function SampleSiteOffer({ folder, onServe }: Props) {
  if (folder === null) return null;
  return (
    <p className="sample-offer">
      <span>New to HTTP? The sample site explains what you are looking at.</span>
      <button type="button" className="button primary" onClick={() => onServe(folder)}>
        Serve the sample site
      </button>
    </p>
  );
}
