/**
 * bench:api's load generator in its own process (autocannon, one event loop of its own): the
 * parent sends `{ url, headers, connections, duration }` and gets the summary back.
 */
import autocannon from 'autocannon';

export interface ApiLoadCommand {
  url: string;
  headers: Record<string, string>;
  connections: number;
  duration: number;
}

export interface ApiLoadReply {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

if (!process.send) {
  console.error('bench/api-load.ts is started by bench/api.ts.');
  process.exit(1);
}
process.on('message', (c: ApiLoadCommand) => {
  void autocannon({ url: c.url, headers: c.headers, connections: c.connections, duration: c.duration }).then((r) =>
    process.send?.({
      requestsPerSecond: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      requests: r.requests.total,
      errors: r.errors,
      non2xx: r.non2xx,
    } satisfies ApiLoadReply),
  );
});
process.on('disconnect', () => process.exit(0));
process.send('ready');
