import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, safeDatabaseUrl, waitForDatabase } from './db/client.js';
import { freshPgliteTemplate, writePgliteTemplate } from './db/template.js';
import { migrate } from './db/migrate.js';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from './demo/data.js';
import { seedDemo } from './demo/seed.js';
import { ensureDemoVisit } from './demo/visit.js';
import { ensureDemoMedications } from './demo/medications.js';
import { ensureDemoVitals } from './demo/vitals.js';
import { ensureDemoBilling } from './demo/billing.js';
import { ensureDemoInternational } from './demo/international.js';
import { ensureDemoHours } from './demo/registration.js';
import { ensureDemoSmartApp } from './demo/smart.js';
import { ensureDemoOpinions } from './demo/opinions.js';
import { serveBackups } from './ops/backup-socket.js';
import { runOpsCommand } from './ops/cli.js';

/** The only place that listens or exits. Commands: start (default) | migrate | seed. */
async function main(): Promise<void> {
  const command = process.argv[2] ?? 'start';
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Portico cannot start: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  // Before the database is opened: a running Portico holds the embedded one (see ops/backup-socket.ts).
  if (command === 'backup' || command === 'restore') {
    process.exit(await runOpsCommand(command, process.argv.slice(3), config));
  }
  if (command === 'template') {
    // Build step (scripts/build-server.mjs): a migrated, empty embedded database to start fresh folders from.
    const out = process.argv[3];
    if (!out) throw new Error('template needs an output file');
    await writePgliteTemplate(out);
    return;
  }
  let warnedAt = 0;
  const template = config.databaseUrl ? undefined : await freshPgliteTemplate(config.dataDir);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedCacheMb: config.embeddedCacheMb,
    poolSize: config.ops.databasePoolSize,
    connectTimeoutMs: config.ops.databaseConnectTimeoutMs,
    template,
    onConnectionError: (reason) => {
      // One line per burst: a restarting server ends every pooled connection at once.
      if (Date.now() - warnedAt < 5000) return;
      warnedAt = Date.now();
      process.stderr.write(
        `Database connection lost to ${safeDatabaseUrl(config.databaseUrl ?? '')} (DATABASE_URL): ${reason}; Portico keeps running and reconnects when it can.\n`,
      );
    },
  });
  const where = database.describe;
  await waitForDatabase(database, config.ops.databaseWaitSeconds, (reason, retryInMs) =>
    process.stdout.write(`Waiting for ${where}: ${reason}; trying again in ${(retryInMs / 1000).toFixed(1)} s.\n`),
  );

  if (command === 'migrate') {
    const result = await migrate(database);
    process.stdout.write(
      `Migrations on ${where}: applied ${result.applied.length} (${result.applied.join(', ') || 'none'}), ${result.alreadyApplied} already applied.\n`,
    );
    await database.close();
    return;
  }
  if (command === 'seed') {
    await migrate(database);
    const result = await seedDemo(database.db);
    process.stdout.write(
      result.seeded
        ? `Demo data loaded: ${result.organizations} organizations, ${result.clinicians} clinicians, ${result.patients} patients.\n`
        : 'Demo data not loaded: the database already has organizations.\n',
    );
    await database.close();
    return;
  }
  if (command === 'audit-verify' || command === 'audit-checkpoint') {
    const { auditVerifyCommand, checkpointNow } = await import('./modules/audit/cli.js');
    const code =
      command === 'audit-verify'
        ? await auditVerifyCommand(database.db, config.audit, process.stdout)
        : (process.stdout.write(await checkpointNow(database.db, config.audit)), 0);
    await database.close();
    process.exit(code);
  }
  if (command === 'keys-rotate' || command === 'files-encrypt') {
    await migrate(database);
    const { keysRotateCommand, filesEncryptCommand } = await import('./modules/files/cli.js');
    const run = command === 'keys-rotate' ? keysRotateCommand : filesEncryptCommand;
    const code = await run(database.db, config.files, process.stdout);
    await database.close();
    process.exit(code);
  }
  if (command === 'demo-reset') {
    // Fresh demo data and a new demo visit; refuses a database with non-demo organizations.
    const { resetDemo, demoResetReport } = await import('./demo/reset.js');
    const result = await resetDemo(database, config);
    await database.close();
    (result.reset ? process.stdout : process.stderr).write(demoResetReport(result, where));
    if (!result.reset) process.exit(1);
    return;
  }
  if (command !== 'start') {
    process.stderr.write(
      `Unknown command "${command}". Use start, migrate, seed, demo-reset, audit-verify, audit-checkpoint, keys-rotate or files-encrypt.\n`,
    );
    process.exit(2);
  }

  await migrate(database);
  const seeded = config.seedDemo ? await seedDemo(database.db) : null;
  const demoVisit = config.seedDemo ? await ensureDemoVisit(database.db) : null;
  // Demo databases made before medications existed get Eleanor's list too; a no-op otherwise.
  if (config.seedDemo) await ensureDemoMedications(database.db);
  if (config.seedDemo) await ensureDemoVitals(database.db);
  if (config.seedDemo) await ensureDemoBilling(database.db);
  if (config.seedDemo) await ensureDemoInternational(database.db);
  if (config.seedDemo) await ensureDemoHours(database.db);
  if (config.seedDemo) await ensureDemoOpinions(database.db, config.files);
  if (config.seedDemo) await ensureDemoSmartApp(database.db);
  const { app, services, state } = await buildApp(config, database);
  if (config.files.generatedKey) {
    // Fine for the demo; in production the start refuses a key inside the data folder (config.ts).
    app.log.warn(
      `Files are sealed with a generated master key kept in ${config.files.keyFile}, beside the data. Set PORTICO_FILE_MASTER_KEY (or PORTICO_FILE_MASTER_KEY_FILE outside the data folder) before real patient data arrives; see docs/operations.md.`,
    );
  }
  // Background work (emails, reminders, "next available" in the directory) runs in every process;
  // jobs are claimed with SKIP LOCKED, so several processes share them safely.
  // Each module registers its periodic jobs (jobs.every: hourly, daily, or the audit checkpoint's
  // minutes); this clock enqueues them, by whichever process gets to each slot first.
  const clock = await services.jobs.startClock();
  const runner = services.jobs.startRunner(config.jobPollMs);

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    // /readyz answers 503 from now on, so a load balancer stops sending new requests here.
    state.closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.warn({ graceSeconds: config.ops.shutdownGraceSeconds }, 'shutdown grace period over; exiting');
      process.exit(1);
    }, config.ops.shutdownGraceSeconds * 1000);
    timer.unref();
    clock.stop();
    // Ctrl-C at a terminal stops at once; a service manager's SIGTERM drains first.
    const drainMs = signal === 'SIGTERM' ? config.ops.shutdownDrainSeconds * 1000 : 0;
    if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
    // Stop listening, answer what is in flight, tell visit pages "server restarting" (1012);
    // background jobs finish the one they hold. Then the database closes cleanly.
    await Promise.all([app.close(), runner.stop()]);
    await database.close();
    process.stdout.write('Portico stopped.\n');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  await serveBackups(database, config.dataDir, app.log); // PGlite: lets `npm run backup` take a live image
  const lines = [
    '',
    // Measured from process start, so module loading and the database's start-up count too.
    `Portico is running at ${config.publicUrl}  (database: ${where}; ready in ${process.uptime().toFixed(1)} s)`,
    template ? 'New data folder: started from the compiled, already migrated database template.' : '',
    seeded?.seeded
      ? `Loaded demo data: ${seeded.organizations} organizations, ${seeded.clinicians} clinicians, ${seeded.patients} patients.`
      : '',
    config.seedDemo ? `Demo sign-ins (password for all: ${DEMO_PASSWORD}):` : '',
    ...(config.seedDemo ? DEMO_SIGN_INS.map((d) => `  ${d.role.padEnd(10)} ${d.email.padEnd(24)} ${d.who}`) : []),
    demoVisit
      ? `Demo video visit: patient@example.org with Dr. Priya Raman at ${demoVisit.toLocaleTimeString('en-US', { timeZone: 'America/New_York', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' })}; check-in is open now.`
      : '',
    config.smtpUrl ? '' : 'Mail: no PORTICO_SMTP_URL set, so emails are kept in the outbox (admin > Mail outbox).',
    '',
  ].filter((l, i, a) => l !== '' || (i > 0 && a[i - 1] !== ''));
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`Portico failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
