/**
 * A port on 127.0.0.1 that refuses connections for as long as a test needs. A port taken with
 * listen(0) and closed again belongs to the ephemeral range: on a busy CI runner another test's
 * server may be given it before the test connects, or the connecting socket itself may get it as
 * its own port (a TCP self-connect), and the "refused" connection is answered. Port 1 is below
 * that range: no server started on port 0 and no outgoing socket is ever given it.
 */
import { connect } from 'node:net';

export async function closedPort(): Promise<number> {
  const port = 1;
  // Checked, so that a host where something listens there fails with this sentence.
  const code = await new Promise<string | undefined>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code));
  });
  if (code !== 'ECONNREFUSED') throw new Error(`These tests need 127.0.0.1:${port} to refuse connections; it ${code ? `failed with ${code}` : 'accepted one'}.`);
  return port;
}
