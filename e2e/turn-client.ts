import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

/**
 * Just enough of a STUN/TURN client (RFC 5389/5766, over UDP) to ask a relay for an allocation
 * with a long-term credential, so a test can see what coturn itself says about a credential.
 */
const MAGIC = 0x2112a442;
const BINDING = 0x0001;
const ALLOCATE = 0x0003;
const ATTR = {
  username: 0x0006,
  integrity: 0x0008,
  errorCode: 0x0009,
  realm: 0x0014,
  nonce: 0x0015,
  xorRelayed: 0x0016,
  requestedTransport: 0x0019,
} as const;

interface Message {
  type: number;
  attrs: Map<number, Buffer>;
}

function encode(type: number, txid: Buffer, attrs: [number, Buffer][], integrityKey?: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (const [t, value] of attrs) {
    const head = Buffer.alloc(4);
    head.writeUInt16BE(t, 0);
    head.writeUInt16BE(value.length, 2);
    parts.push(head, value, Buffer.alloc((4 - (value.length % 4)) % 4));
  }
  let body = Buffer.concat(parts);
  const header = (length: number) => {
    const h = Buffer.alloc(20);
    h.writeUInt16BE(type, 0);
    h.writeUInt16BE(length, 2);
    h.writeUInt32BE(MAGIC, 4);
    txid.copy(h, 8);
    return h;
  };
  if (integrityKey) {
    // MESSAGE-INTEGRITY covers the message up to itself, with the length counting it in.
    const mac = createHmac('sha1', integrityKey)
      .update(Buffer.concat([header(body.length + 24), body]))
      .digest();
    const head = Buffer.alloc(4);
    head.writeUInt16BE(ATTR.integrity, 0);
    head.writeUInt16BE(20, 2);
    body = Buffer.concat([body, head, mac]);
  }
  return Buffer.concat([header(body.length), body]);
}

function decode(buf: Buffer): Message & { txid: Buffer } {
  const attrs = new Map<number, Buffer>();
  let at = 20;
  while (at + 4 <= buf.length) {
    const t = buf.readUInt16BE(at);
    const len = buf.readUInt16BE(at + 2);
    attrs.set(t, buf.subarray(at + 4, at + 4 + len));
    at += 4 + len + ((4 - (len % 4)) % 4);
  }
  return { type: buf.readUInt16BE(0), txid: buf.subarray(8, 20), attrs };
}

/**
 * Sends a request and waits for the answer to it, sending again every half second (UDP may drop a
 * datagram, and a relay that is still starting answers nothing): the wait is for an answer, and
 * the caller's test timeout bounds it.
 */
async function transact(
  socket: Socket,
  port: number,
  type: number,
  attrs: [number, Buffer][],
  key?: Buffer,
): Promise<Message> {
  const txid = randomBytes(12);
  const packet = encode(type, txid, attrs, key);
  return new Promise((resolve) => {
    const onMessage = (msg: Buffer) => {
      if (msg.length < 20 || !decode(msg).txid.equals(txid)) return;
      clearInterval(timer);
      socket.off('message', onMessage);
      resolve(decode(msg));
    };
    socket.on('message', onMessage);
    const send = () => socket.send(packet, port, '127.0.0.1');
    const timer = setInterval(send, 500);
    send();
  });
}

async function withSocket<T>(fn: (socket: Socket) => Promise<T>): Promise<T> {
  const socket = createSocket('udp4');
  await new Promise<void>((ok) => socket.bind(0, '127.0.0.1', () => ok()));
  try {
    return await fn(socket);
  } finally {
    socket.close();
  }
}

/** Resolves once a STUN server answers a binding request on 127.0.0.1:port. */
export async function stunAnswers(port: number): Promise<void> {
  await withSocket((socket) => transact(socket, port, BINDING, []));
}

export type AllocateResult = { ok: true; relayed: string } | { ok: false; status: number; reason: string };

/** A TURN Allocate with a long-term credential (e.g. one minted by Portico), as a browser makes it. */
export async function allocate(port: number, username: string, password: string): Promise<AllocateResult> {
  return withSocket(async (socket) => {
    const udp: [number, Buffer] = [ATTR.requestedTransport, Buffer.from([17, 0, 0, 0])];
    // The first request, unauthenticated, gets a 401 with the realm and a nonce to sign with.
    const challenge = await transact(socket, port, ALLOCATE, [udp]);
    const realm = challenge.attrs.get(ATTR.realm);
    const nonce = challenge.attrs.get(ATTR.nonce);
    if (!realm || !nonce) return { ok: false, status: 0, reason: 'no realm/nonce challenge' };
    const key = createHash('md5')
      .update(`${username}:${realm.toString('utf8')}:${password}`)
      .digest();
    const answer = await transact(
      socket,
      port,
      ALLOCATE,
      [udp, [ATTR.username, Buffer.from(username)], [ATTR.realm, realm], [ATTR.nonce, nonce]],
      key,
    );
    if (answer.type === 0x0103) {
      const x = answer.attrs.get(ATTR.xorRelayed) ?? Buffer.alloc(8);
      const relayPort = x.readUInt16BE(2) ^ (MAGIC >>> 16);
      const ip = [0, 1, 2, 3].map((i) => (x[4 + i] ?? 0) ^ ((MAGIC >>> (24 - 8 * i)) & 0xff)).join('.');
      return { ok: true, relayed: `${ip}:${relayPort}` };
    }
    const err = answer.attrs.get(ATTR.errorCode) ?? Buffer.alloc(4);
    return {
      ok: false,
      status: (err[2] ?? 0) * 100 + (err[3] ?? 0),
      reason: err.subarray(4).toString('utf8'),
    };
  });
}
