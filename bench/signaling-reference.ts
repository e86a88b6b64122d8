/**
 * The reference of `npm run bench:signaling`: a bare `ws` relay with no sign-in, no database and
 * no bus, in its own process like Portico. A socket names itself in the URL (`/?id=…`); a
 * `{type:'signal', to, data}` message is parsed and forwarded to that socket as Portico forwards
 * it. What Portico costs above this floor is its own work (auth, roster, bus, views).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { memoryReport, type ServerReady } from './signaling-server-ipc.js';

const sockets = new Map<string, WebSocket>();
const server = createServer();
const wss = new WebSocketServer({ server, maxPayload: 128 * 1024 });

wss.on('connection', (ws, request) => {
  const id = new URL(request.url ?? '/', 'http://x').searchParams.get('id') ?? '';
  sockets.set(id, ws);
  ws.on('close', () => sockets.delete(id));
  ws.on('message', (raw) => {
    const m = JSON.parse(String(raw)) as { type?: string; to?: string; data?: unknown };
    if (m.type !== 'signal' || typeof m.to !== 'string') return;
    const target = sockets.get(m.to);
    if (target && target !== ws) target.send(JSON.stringify({ type: 'signal', from: id, data: m.data }));
  });
  ws.send(JSON.stringify({ type: 'welcome', participantId: id, role: 'clinician', admitted: true }));
});

server.listen(0, '127.0.0.1', () => {
  const port = (server.address() as AddressInfo).port;
  const ready: ServerReady = { type: 'ready', port, engine: 'none', bus: 'none', visits: [] };
  process.send?.(ready);
});
process.on('message', (m: { type: string }) => {
  if (m.type === 'memory') process.send?.(memoryReport());
});
process.on('disconnect', () => process.exit(0));
