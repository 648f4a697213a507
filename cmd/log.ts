/** --log-file: one JSON line per API write, written as it happens, so a crash leaves a record. */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { UsageError } from '../src/errors.js';
import type { AttemptInfo } from '../src/konnect/client.js';
import { whyNotWritten } from './output.js';
import { Secrets } from '../src/text/redact.js';

export function openLog(path: string, secrets: Secrets = new Secrets()): { onAttempt: (a: AttemptInfo) => void; close: () => void } {
  let fd: number;
  try {
    fd = openSync(path, 'a');
  } catch (err) {
    throw new UsageError(`Cannot open the log file "${path}": ${whyNotWritten(err, path)}`);
  }
  return {
    onAttempt: (a) => {
      if (a.method === 'GET') return;
      const line = {
        time: new Date().toISOString(),
        ...(a.tag ?? {}),
        method: a.method,
        path: a.path,
        attempt: a.attempt,
        ...(a.status !== undefined ? { status: a.status } : { error: a.error }),
        ...(a.traceId ? { trace_id: a.traceId } : {}),
        ms: a.ms,
      };
      writeSync(fd, `${secrets.redact(JSON.stringify(line))}\n`);
      fsyncSync(fd);
    },
    close: () => closeSync(fd),
  };
}
