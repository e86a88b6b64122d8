import { defineModule } from '../../lib/module.js';
import { healthRoutes } from './routes.js';

/** Liveness, readiness (database, disk, shutdown) and metrics. */
export const healthModule = defineModule({
  name: 'health',
  dependencies: [],
  async register(app, { config, database, metrics, state }) {
    await app.register(healthRoutes, {
      ping: () => database.ping(),
      engine: database.engine,
      registry: metrics,
      folders: [
        ...(database.engine === 'pglite' && !config.dataDir.startsWith('memory://')
          ? [{ name: 'database', path: config.dataDir }]
          : []),
        { name: 'files', path: config.files.dir },
      ],
      minFreeBytes: config.ops.minFreeDiskMb * 1024 * 1024,
      closing: () => state.closing,
    });
  },
});
