/** The parent's side of bench/http-load.ts: starts the load generator and sends it work. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadCommand, LoadReply, LoadRequest, LoadResult, Probe, RushOutcome, RushPatient } from './http-load.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class LoadClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: LoadReply) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: LoadReply) => {
      if (m.type === 'ready') return;
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
  }

  /** Starts the generator in its own Node process (its own event loop, and on two cores its own core). */
  static start(): Promise<LoadClient> {
    const script = fileURLToPath(new URL('./http-load.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the load generator exited early (${code})`)));
      child.once('message', () => resolve(new LoadClient(child)));
    });
  }

  private run(command: DistributiveOmit<Exclude<LoadCommand, { type: 'exit' }>, 'id'>): Promise<LoadReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ ...command, id });
    });
  }

  /** Every request once, at most `concurrency` in flight (all at once when it is at least their number). */
  async batch(
    origin: string,
    requests: LoadRequest[],
    concurrency: number,
  ): Promise<{ wallMs: number; results: LoadResult[] }> {
    const reply = await this.run({ type: 'batch', origin, requests, concurrency });
    if (reply.type !== 'batch') throw new Error('unexpected reply');
    return reply;
  }

  /** The requests in a loop for `seconds`, `concurrency` in flight (and a reference asked beside them). */
  async timed(
    origin: string,
    requests: LoadRequest[],
    concurrency: number,
    seconds: number,
    probe?: Probe,
  ): Promise<{ wallMs: number; results: LoadResult[]; probeResults: LoadResult[]; clientLagP99Ms: number }> {
    const reply = await this.run({
      type: 'timed',
      origin,
      requests,
      concurrency,
      durationMs: seconds * 1000,
      ...(probe ? { probe } : {}),
    });
    if (reply.type !== 'timed') throw new Error('unexpected reply');
    return reply;
  }

  async rush(origin: string, patients: RushPatient[]): Promise<{ wallMs: number; outcomes: RushOutcome[] }> {
    const reply = await this.run({ type: 'rush', origin, patients, maxAttempts: 3, choices: 3 });
    if (reply.type !== 'rush') throw new Error('unexpected reply');
    return reply;
  }

  stop(): void {
    this.child.removeAllListeners('exit');
    if (this.child.connected) this.child.send({ type: 'exit' } satisfies LoadCommand);
    else this.child.kill();
  }
}
