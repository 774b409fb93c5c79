/**
 * Caches that live as long as one server: every handler of the server shares the instance,
 * two servers never share one (each serves its own folder with its own settings), and a
 * closed server's cache goes with it (WeakMap).
 */
export function perServer<T>(make: () => T): (server: object) => T {
  const instances = new WeakMap<object, T>();
  return (server) => {
    let instance = instances.get(server);
    if (instance === undefined) {
      instance = make();
      instances.set(server, instance);
    }
    return instance;
  };
}
