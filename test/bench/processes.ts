/**
 * Whole processes for the org-10k benchmark: `orgdeck serve` as the Konnect stand-in, and the
 * CLI (or the baseline client) measured by /usr/bin/time: wall, CPU (user + system) and peak RSS.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../support/bin.js';

export const ROOT = join(import.meta.dirname, '../..');
/** What users run: the bin package.json names. */
export { BIN };
const TIME = '/usr/bin/time';

export interface Server {
  addr: string;
  token: string;
  stats(): Promise<{ requests: number; by_status: Record<string, number>; first_request_at?: string; last_answer_at?: string }>;
  stop(): Promise<void>;
}

/** `orgdeck serve` on 127.0.0.1, any free port, from a seed file. */
export async function serve(seedFile: string, opts: { latencyMs: number; ratePerMinute?: number; token: string }): Promise<Server> {
  const args = [BIN, 'serve', '--port', '0', '--seed', seedFile, '--token', opts.token, '--latency', String(opts.latencyMs), ...(opts.ratePerMinute ? ['--rate-limit', String(opts.ratePerMinute)] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const addr = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /KONNECT_ADDR='([^']+)'/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d) => {
      err += d;
    });
    child.on('exit', (code) => reject(new Error(`orgdeck serve exited (${code}): ${err}`)));
  });
  const base = addr.replace('/{region}', '');
  return {
    addr,
    token: opts.token,
    stats: async () => (await (await fetch(`${base}/_local/stats`, { headers: { authorization: `Bearer ${opts.token}` } })).json()) as never,
    stop: () => stop(child),
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export interface Measured {
  code: number;
  wallMs: number;
  /** When the process was started and when it had exited (ms since the epoch). */
  startedAt: number;
  endedAt: number;
  cpuMs?: number;
  peakRssMb?: number;
  stderr: string;
  /** The last few kilobytes of stdout (a sync's summary line). */
  stdoutTail: string;
}

/** Run `node ARGS` to completion; of stdout (a dump, a plan) only the tail is kept. */
export function measure(args: readonly string[], env: Record<string, string>): Promise<Measured> {
  const timed = existsSync(TIME);
  const marker = join(tmpdir(), `orgdeck-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const [cmd, argv] = timed ? [TIME, ['-f', '%e %U %S %M', '-o', marker, process.execPath, ...args]] : [process.execPath, [...args]];
  const started = performance.now();
  const startedAt = Date.now();
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  let stdoutTail = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  child.stdout!.on('data', (d) => {
    stdoutTail = (stdoutTail + d).slice(-4096);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      const at = { startedAt, endedAt: startedAt + wallMs };
      if (!timed) return resolve({ code: code ?? 1, wallMs, ...at, stderr, stdoutTail });
      const [, user, sys, rssKb] = readFileSync(marker, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
      rmSync(marker, { force: true });
      resolve({ code: code ?? 1, wallMs, ...at, cpuMs: (user! + sys!) * 1000, peakRssMb: rssKb! / 1024, stderr, stdoutTail });
    });
  });
}
