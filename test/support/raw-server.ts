/**
 * A TCP server on 127.0.0.1 that speaks HTTP/1.1 by hand, so a test can send what node:http never
 * would: an answer cut off mid-body, bytes split inside a character, a 1xx before the answer, a
 * body past any limit. It reads each request (head and content-length body) and hands it, with the
 * socket and the number of the connection it came on, to `answer`. Closed after each test.
 */
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { afterEach } from 'vitest';

export interface RawRequest {
  method: string;
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** 1 for the first connection the server accepted, 2 for the next… */
  connection: number;
}

export interface RawServer {
  url: string;
  requests: RawRequest[];
  /** Connections accepted so far, and how many of them the client has closed. */
  accepted: () => number;
  closed: () => number;
}

const open: (() => Promise<void>)[] = [];
afterEach(() => closeRawServers());

/** Closes every server started so far (a test may call it to make its port refuse connections). */
export async function closeRawServers(): Promise<void> {
  await Promise.all(open.splice(0).map((close) => close()));
}

export async function startRawServer(answer: (socket: Socket, req: RawRequest) => void): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  let closed = 0;
  const server = createServer((socket) => {
    const connection = ++accepted;
    sockets.add(socket);
    socket.on('close', () => {
      closed++;
      sockets.delete(socket);
    });
    socket.on('error', () => {});
    let pending = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [start = '', ...lines] = pending.subarray(0, end).toString('latin1').split('\r\n');
        const headers: Record<string, string> = {};
        for (const line of lines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
        const length = Number(headers['content-length'] ?? 0);
        if (pending.length < end + 4 + length) return;
        const [method = '', path = ''] = start.split(' ');
        const req = { method, path, headers, body: pending.subarray(end + 4, end + 4 + length).toString('utf8'), connection };
        pending = pending.subarray(end + 4 + length);
        requests.push(req);
        answer(socket, req);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, accepted: () => accepted, closed: () => closed };
}

/** An answer's head: the status line and the headers, as written on the wire (names keep their case). */
export function head(status: string, headers: [string, string | number][] = []): string {
  return `HTTP/1.1 ${status}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

/** How many timers the process holds: an exchange that has settled must leave none of its own. */
export function timers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

export const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
