/** Shown when the page is opened outside HTTP Desk (no preload bridge): say so plainly. */
export function NoBridge() {
  return (
    <main className="no-bridge">
      <h1>HTTP Desk</h1>
      <p>
        This is the HTTP Desk control panel. It needs the HTTP Desk app around it to start servers,
        so opened on its own it cannot do anything.
      </p>
      <p>
        Run <code>npm start</code> in the project folder, or open the installed HTTP Desk app.
      </p>
    </main>
  );
}
