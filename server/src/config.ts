import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
/**
 * Configuration, read once from the environment at start-up and passed down.
 * A wrong value stops start-up with a message that names the variable.
 */
export interface Config {
  port: number;
  host: string;
  /** Public base URL used in emailed links, e.g. https://portal.example.org */
  publicUrl: string;
  /** postgres://... when set; otherwise embedded PGlite. */
  databaseUrl: string | null;
  /** Directory for the embedded database; 'memory://' keeps it in memory (tests). */
  dataDir: string;
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Wrong passwords per email / per client address before growing delays start, and the longest delay. */
  signInFreeTries: number;
  signInFreeTriesPerAddress: number;
  signInFirstDelaySeconds: number;
  signInMaxDelaySeconds: number;
  /** Requests per minute per IP on the sign-in and enrollment endpoints. */
  authRateLimitPerMinute: number;
  /** Serve web/dist from this directory when it exists. */
  webDistDir: string | null;
  /** Load demo data when the database has no organizations yet. */
  seedDemo: boolean;
  /** Card payments: the built-in test processor (no money moves), Stripe, or none (online payment off). */
  paymentProcessor: 'test' | 'stripe' | 'none';
  /** Set exactly when paymentProcessor is stripe. */
  stripe: StripeConfig | null;
  /** Whether cookies get the Secure flag: true when publicUrl is https. */
  secureCookies: boolean;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  /**
   * SMART: let registered apps' JWKS URLs point at private or loopback addresses (a backend service
   * inside the hospital network, tests). Off by default: oidc-provider refuses them (SSRF guard).
   */
  smartPrivateJwks: boolean;
  /** FHIR bulk export (docs/decisions/0034). */
  bulkExport: BulkExportConfig;
  bodyLimitBytes: number;
  /** How often each process looks for due background jobs. */
  jobPollMs: number;
  /** redis://… fans visit signaling out through Redis pub/sub; otherwise PostgreSQL or in-process. */
  redisUrl: string | null;
  /** Relays and discovery servers handed to browsers for the video call. */
  media: MediaConfig;
  /** Uploaded records (second opinions): where they live, encrypted, and how large they may be. */
  files: FilesConfig;
  /** Staying up: waiting for the database, shedding load, disk space, shutdown. */
  ops: OperationsConfig;
  /** Signed checkpoints of the audit chain (docs/decisions/0027). */
  audit: AuditConfig;
}

export interface AuditConfig {
  /** Ed25519 private key (PEM) that signs checkpoints; outside the database and the data folder. */
  signingKeyFile: string;
  /** Signed checkpoints, one JSON line each, appended. */
  checkpointFile: string;
  /** How often a checkpoint is written (by whichever process runs the job first). */
  checkpointMinutes: number;
}

export interface OperationsConfig {
  /** At start-up, how long to keep retrying a PostgreSQL server that is not up yet. */
  databaseWaitSeconds: number;
  /** Connections in the PostgreSQL pool of each process. */
  databasePoolSize: number;
  /** How long a request may wait for a pool connection (or a new connection) before it fails with 503. */
  databaseConnectTimeoutMs: number;
  /** More queries than this waiting for the database, and new requests are turned away with 503 at once. */
  maxDatabaseQueue: number;
  /** API requests one process works on at once; more are turned away with 503 at once. */
  maxInFlight: number;
  /** A standing database queue longer than this (ms) turns new requests away with 503; 0 turns it off. */
  maxDatabaseWaitMs: number;
  /** Event-loop delay past which new requests are turned away with 503; 0 turns the check off. */
  maxEventLoopDelayMs: number;
  /** /readyz fails, and uploads are refused, when a data folder has less free space than this. */
  minFreeDiskMb: number;
  /** After SIGTERM, how long in-flight requests get before the process exits anyway. */
  shutdownGraceSeconds: number;
  /**
   * After SIGTERM, how long to keep serving (with /readyz failing and `Connection: close` on every
   * answer) before the port closes, so a load balancer moves traffic away and keep-alive clients
   * reconnect elsewhere instead of being cut off. Counts within the grace period.
   */
  shutdownDrainSeconds: number;
  /** Writes (POST, PUT, PATCH, DELETE) per minute for one signed-in session (or one address). */
  writeRateLimitPerMinute: number;
}

export interface BulkExportConfig {
  /** Patients read, mapped and written per committed step (PORTICO_BULK_EXPORT_BATCH). */
  batchSize: number;
  /** How long a finished export's files are kept (PORTICO_BULK_EXPORT_HOURS). */
  retentionHours: number;
}

export interface FilesConfig {
  /** Encrypted files and unfinished uploads live here. */
  dir: string;
  /** The master key that wraps each file's own key; null means one is made once and kept in dir (0600). */
  masterKey: FileMasterKey | null;
  /** Largest DICOM study file, and largest of any other file (PDF, image). */
  maxDicomBytes: number;
  maxFileBytes: number;
}

/** The 32-byte file master key, held privately so it never reaches JSON, util.inspect or a log line. */
export class FileMasterKey {
  readonly #key: Buffer;
  constructor(key: Buffer) {
    this.#key = key;
  }
  get bytes(): Buffer {
    return this.#key;
  }
}

export interface MediaConfig {
  /** stun:host:port URLs; empty means browsers use only host candidates. */
  stunUrls: string[];
  /** turn:/turns: URLs of a coturn server using its shared-secret REST scheme. */
  turnUrls: string[];
  /** coturn's static-auth-secret; required when turnUrls is set. */
  turnSecret: string | null;
  /** How long minted TURN credentials stay valid. */
  turnTtlSeconds: number;
  /** 'relay' has browsers send all media through TURN, never directly (hides addresses; proves the relay). */
  iceTransportPolicy: 'all' | 'relay';
}

/** Stripe settings. The key is held privately, so it never reaches JSON, util.inspect or a log line. */
export class StripeConfig {
  readonly #secretKey: string;
  constructor(
    secretKey: string,
    /** An origin such as http://127.0.0.1:12111 the SDK talks to instead of api.stripe.com (tests); null in production. */
    readonly apiBase: string | null,
  ) {
    this.#secretKey = secretKey;
  }
  /** sk_… (secret) or rk_… (restricted) key. */
  get secretKey(): string {
    return this.#secretKey;
  }
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v === '' ? fallback : v;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function urlList(env: Env, name: string, schemes: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [];
  const list = raw
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  for (const item of list) {
    const scheme = item.split(':')[0] ?? '';
    if (!schemes.includes(scheme)) {
      throw new ConfigError(name, `"${item}" must start with ${schemes.map((p) => `${p}:`).join(' or ')}`);
    }
  }
  return list;
}

function mediaConfig(env: Env): MediaConfig {
  const turnUrls = urlList(env, 'PORTICO_TURN_URLS', ['turn', 'turns']);
  const turnSecret = str(env, 'PORTICO_TURN_SECRET', '');
  if (turnUrls.length > 0 && turnSecret.length < 16) {
    throw new ConfigError(
      'PORTICO_TURN_SECRET',
      "must be set (16+ characters, coturn's static-auth-secret) when PORTICO_TURN_URLS is",
    );
  }
  const iceTransportPolicy = str(env, 'PORTICO_ICE_TRANSPORT_POLICY', 'all');
  if (iceTransportPolicy !== 'all' && iceTransportPolicy !== 'relay') {
    throw new ConfigError('PORTICO_ICE_TRANSPORT_POLICY', `must be all or relay, got "${iceTransportPolicy}"`);
  }
  if (iceTransportPolicy === 'relay' && turnUrls.length === 0) {
    throw new ConfigError('PORTICO_ICE_TRANSPORT_POLICY', 'relay needs a TURN relay: set PORTICO_TURN_URLS too');
  }
  return {
    stunUrls: urlList(env, 'PORTICO_STUN_URLS', ['stun', 'stuns']),
    turnUrls,
    turnSecret: turnSecret === '' ? null : turnSecret,
    turnTtlSeconds: int(env, 'PORTICO_TURN_TTL_SECONDS', 4 * 3600, 60, 24 * 3600),
    iceTransportPolicy,
  };
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

/** Never echoes the key in a message: even a mistyped secret is mostly a secret. */
function stripeConfig(env: Env): StripeConfig {
  const key = str(env, 'PORTICO_STRIPE_SECRET_KEY', '').trim();
  if (key === '') {
    throw new ConfigError(
      'PORTICO_STRIPE_SECRET_KEY',
      'must be set when PORTICO_PAYMENT_PROCESSOR is stripe (the secret key sk_live_… or a restricted key rk_live_… from the Stripe dashboard)',
    );
  }
  if (!/^(sk|rk)_(live|test)_\S+$/.test(key)) {
    throw new ConfigError(
      'PORTICO_STRIPE_SECRET_KEY',
      key.startsWith('pk_')
        ? 'is a publishable key (pk_…); Portico needs the secret key (sk_…) or a restricted key (rk_…)'
        : 'must be a Stripe secret key (sk_live_…, sk_test_…) or restricted key (rk_live_…, rk_test_…)',
    );
  }
  const apiBase = url(env, 'PORTICO_STRIPE_API_BASE', ['http:', 'https:']);
  if (apiBase !== null) {
    const parsed = new URL(apiBase);
    if (parsed.pathname !== '/' || parsed.search !== '' || parsed.username !== '' || parsed.password !== '') {
      throw new ConfigError(
        'PORTICO_STRIPE_API_BASE',
        'must be just a scheme, host and port such as http://127.0.0.1:12111 (the SDK adds /v1/ itself)',
      );
    }
  }
  return new StripeConfig(key, apiBase === null ? null : apiBase.replace(/\/$/, ''));
}

/** Never echoes the key: a wrong key is still mostly a key. */
function filesConfig(env: Env): FilesConfig {
  const raw = str(env, 'PORTICO_FILE_KEY', '').trim();
  let masterKey: FileMasterKey | null = null;
  if (raw !== '') {
    const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
    if (bytes.length !== 32) {
      throw new ConfigError(
        'PORTICO_FILE_KEY',
        'must be 32 random bytes in base64 (make one with: openssl rand -base64 32)',
      );
    }
    masterKey = new FileMasterKey(bytes);
  }
  const maxFileBytes = int(env, 'PORTICO_UPLOAD_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024);
  return {
    // An in-memory database (tests, demos) keeps its files in a temporary folder, not in ./data.
    dir: str(
      env,
      'PORTICO_FILES_DIR',
      str(env, 'PORTICO_DATA_DIR', '') === 'memory://'
        ? join(tmpdir(), `portico-files-${process.pid}`)
        : './data/files',
    ),
    masterKey,
    maxDicomBytes: int(env, 'PORTICO_DICOM_MAX_BYTES', 200 * 1024 * 1024, maxFileBytes, 4 * 1024 * 1024 * 1024),
    maxFileBytes,
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parse and validate configuration. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const port = int(env, 'PORTICO_PORT', 8080, 0, 65535);
  const publicUrl = url(env, 'PORTICO_PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const logLevel = str(env, 'PORTICO_LOG_LEVEL', 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('PORTICO_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const webDist = str(env, 'PORTICO_WEB_DIST', '');
  const seedDemo = bool(env, 'PORTICO_SEED_DEMO', true);
  // The test processor accepts public test cards: on by default only for the demo.
  const paymentProcessor = str(env, 'PORTICO_PAYMENT_PROCESSOR', seedDemo ? 'test' : 'none');
  if (paymentProcessor !== 'test' && paymentProcessor !== 'stripe' && paymentProcessor !== 'none') {
    throw new ConfigError('PORTICO_PAYMENT_PROCESSOR', `must be test, stripe or none, got "${paymentProcessor}"`);
  }
  const stripe = paymentProcessor === 'stripe' ? stripeConfig(env) : null;
  return {
    port,
    host: str(env, 'PORTICO_HOST', '0.0.0.0'),
    publicUrl: publicUrl.replace(/\/$/, ''),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: str(env, 'PORTICO_DATA_DIR', './data/pglite'),
    smtpUrl: url(env, 'PORTICO_SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: str(env, 'PORTICO_MAIL_FROM', 'Portico <no-reply@portico.invalid>'),
    logLevel: logLevel as Config['logLevel'],
    sessionIdleMinutes: int(env, 'PORTICO_SESSION_IDLE_MINUTES', 15, 1, 24 * 60),
    sessionAbsoluteHours: int(env, 'PORTICO_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    signInFreeTries: int(env, 'PORTICO_SIGNIN_FREE_TRIES', 5, 1, 100),
    signInFreeTriesPerAddress: int(env, 'PORTICO_SIGNIN_FREE_TRIES_PER_ADDRESS', 100, 1, 100_000),
    signInFirstDelaySeconds: int(env, 'PORTICO_SIGNIN_FIRST_DELAY_SECONDS', 2, 1, 3600),
    signInMaxDelaySeconds: int(env, 'PORTICO_SIGNIN_MAX_DELAY_SECONDS', 900, 1, 24 * 3600),
    authRateLimitPerMinute: int(env, 'PORTICO_AUTH_RATE_LIMIT', 30, 1, 100000),
    webDistDir: webDist === '' ? null : webDist,
    seedDemo,
    paymentProcessor,
    stripe,
    secureCookies: publicUrl.startsWith('https:'),
    trustProxy: bool(env, 'PORTICO_TRUST_PROXY', false),
    smartPrivateJwks: bool(env, 'PORTICO_SMART_PRIVATE_JWKS', false),
    bulkExport: {
      batchSize: int(env, 'PORTICO_BULK_EXPORT_BATCH', 200, 1, 10_000),
      retentionHours: int(env, 'PORTICO_BULK_EXPORT_HOURS', 24, 1, 24 * 30),
    },
    bodyLimitBytes: int(env, 'PORTICO_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    jobPollMs: int(env, 'PORTICO_JOB_POLL_MS', 2000, 100, 600_000),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    media: mediaConfig(env),
    files: filesConfig(env),
    ops: operationsConfig(env),
    audit: auditConfig(env),
  };
}

/**
 * The signing key lives in the operator's own config folder by default, not beside the data or
 * the database it vouches for (a copy of the data folder must not be able to forge checkpoints).
 */
function auditConfig(env: Env): AuditConfig {
  const memory = str(env, 'PORTICO_DATA_DIR', '') === 'memory://';
  const scratch = join(tmpdir(), `portico-audit-${process.pid}`);
  const keyFile = str(
    env,
    'PORTICO_AUDIT_SIGNING_KEY_FILE',
    memory ? join(scratch, 'audit-signing-key.pem') : join(homedir(), '.config', 'portico', 'audit-signing-key.pem'),
  );
  return {
    signingKeyFile: resolve(keyFile),
    checkpointFile: resolve(
      str(
        env,
        'PORTICO_AUDIT_CHECKPOINT_FILE',
        memory ? join(scratch, 'audit-checkpoints.jsonl') : './data/audit-checkpoints.jsonl',
      ),
    ),
    checkpointMinutes: int(env, 'PORTICO_AUDIT_CHECKPOINT_MINUTES', 60, 1, 24 * 60),
  };
}

function operationsConfig(env: Env): OperationsConfig {
  return {
    databaseWaitSeconds: int(env, 'PORTICO_DATABASE_WAIT_SECONDS', 30, 0, 3600),
    databasePoolSize: int(env, 'PORTICO_DATABASE_POOL_SIZE', 10, 1, 1000),
    databaseConnectTimeoutMs: int(env, 'PORTICO_DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 120_000),
    maxDatabaseQueue: int(env, 'PORTICO_MAX_DATABASE_QUEUE', 200, 1, 100_000),
    maxInFlight: int(env, 'PORTICO_MAX_IN_FLIGHT', 64, 1, 100_000),
    maxDatabaseWaitMs: int(env, 'PORTICO_MAX_DATABASE_WAIT_MS', 300, 0, 60_000),
    maxEventLoopDelayMs: int(env, 'PORTICO_MAX_EVENT_LOOP_DELAY_MS', 1000, 0, 60_000),
    minFreeDiskMb: int(env, 'PORTICO_MIN_FREE_DISK_MB', 256, 0, 1024 * 1024),
    shutdownGraceSeconds: int(env, 'PORTICO_SHUTDOWN_GRACE_SECONDS', 10, 1, 600),
    shutdownDrainSeconds: int(env, 'PORTICO_SHUTDOWN_DRAIN_SECONDS', 1, 0, 300),
    writeRateLimitPerMinute: int(env, 'PORTICO_WRITE_RATE_LIMIT', 300, 1, 1_000_000),
  };
}
