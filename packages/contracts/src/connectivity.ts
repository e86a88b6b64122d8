import { Type, type Static } from 'typebox';
import { IsoDateTime } from './common.js';

/** The largest download or upload the connection test may ask for (2 MiB). */
export const CONNECTIVITY_MAX_BYTES = 2 * 1024 * 1024;
/** The download size when the caller names none (256 KiB). */
export const CONNECTIVITY_DEFAULT_BYTES = 256 * 1024;
/** How long TURN credentials minted for the device check stay valid. */
export const CONNECTIVITY_ICE_TTL_SECONDS = 5 * 60;

/** GET /api/connectivity/ping: as small as an answer can usefully be. */
export const ConnectivityPing = Type.Object({
  serverTime: IsoDateTime,
});
export type ConnectivityPing = Static<typeof ConnectivityPing>;

/** GET /api/connectivity/download?bytes=N */
export const ConnectivityDownloadQuery = Type.Object(
  {
    bytes: Type.Integer({
      minimum: 1,
      maximum: CONNECTIVITY_MAX_BYTES,
      default: CONNECTIVITY_DEFAULT_BYTES,
      description: 'How many random (incompressible) bytes to send back',
    }),
  },
  { additionalProperties: false },
);
export type ConnectivityDownloadQuery = Static<typeof ConnectivityDownloadQuery>;

/** POST /api/connectivity/upload (raw application/octet-stream body) answers what arrived. */
export const ConnectivityUploadResult = Type.Object({
  bytes: Type.Integer({ minimum: 0, description: 'Bytes of body the server received' }),
  ms: Type.Number({ minimum: 0, description: 'Milliseconds the server spent receiving the body' }),
});
export type ConnectivityUploadResult = Static<typeof ConnectivityUploadResult>;

export const ConnectivityIceServer = Type.Object({
  urls: Type.Array(Type.String()),
  username: Type.Optional(Type.String()),
  credential: Type.Optional(Type.String()),
});
export type ConnectivityIceServer = Static<typeof ConnectivityIceServer>;

/** GET /api/connectivity/ice-servers: what the relay test uses, with short-lived credentials. */
export const ConnectivityIceServers = Type.Object({
  iceServers: Type.Array(ConnectivityIceServer),
  /** When the TURN credential stops working, or null without TURN. */
  expiresAt: Type.Union([IsoDateTime, Type.Null()]),
  /** Whether this Portico has a TURN relay; without one there is nothing to test. */
  relayConfigured: Type.Boolean(),
});
export type ConnectivityIceServers = Static<typeof ConnectivityIceServers>;
