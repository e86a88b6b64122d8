/** What the signaling bench's server children (Portico and the reference) tell the parent. */

export interface BenchVisit {
  appointmentId: string;
  patientCookie: string;
  clinicianCookie: string;
  clinicianCsrf: string;
}

export interface ServerReady {
  type: 'ready';
  port: number;
  engine: string;
  bus: string;
  visits: BenchVisit[];
}

export interface MemoryReport {
  type: 'memory';
  rss: number;
  heapUsed: number;
  external: number;
}

/** Memory after a forced full collection (the child runs with --expose-gc), so garbage is not counted. */
export function memoryReport(): MemoryReport {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the bench server with --expose-gc');
  gc();
  gc();
  const m = process.memoryUsage();
  return { type: 'memory', rss: m.rss, heapUsed: m.heapUsed, external: m.external };
}
