// A throwaway HTTP server on 127.0.0.1 (a free port) for the loaders' URL paths: wasm-source and datasets-source.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** Starts a server with `handler`; returns its base URL (`http://127.0.0.1:port/`) and a close function. */
export async function serveLocal(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ base: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    base: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
