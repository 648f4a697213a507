/** A capturing Io for running commands in-process through run(). */
import type { Io } from '../../cmd/io.js';
import { run } from '../../cmd/run.js';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

export function captureIo(opts: { env?: Record<string, string | undefined>; stdin?: string; isTTY?: boolean; stderrIsTTY?: boolean; answer?: boolean; now?: Date } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const questions: string[] = [];
  const io: Io = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: opts.env ?? {},
    isTTY: opts.isTTY ?? false,
    stderrIsTTY: opts.stderrIsTTY ?? false,
    readStdin: () => new TextEncoder().encode(opts.stdin ?? ''),
    ...(opts.now ? { now: () => opts.now! } : {}),
    confirm: async (q) => {
      questions.push(q);
      return opts.answer ?? false;
    },
  };
  return { io, out, err, questions, text: () => ({ stdout: out.join(''), stderr: err.join('') }) };
}

export async function runCli(argv: string[], opts: Parameters<typeof captureIo>[0] = {}): Promise<Captured & { questions: string[] }> {
  const c = captureIo(opts);
  const code = await run(argv, c.io);
  return { code, ...c.text(), questions: c.questions };
}
