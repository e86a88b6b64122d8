import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Routes whose answers carry the session's CSRF token. */
const SECRET_BEARING = '/api/auth/';

/**
 * Compresses dynamic answers over 1 KB (Brotli at a fast quality, else gzip). The web app's own
 * files are compressed once at build time and sent as they are (`preCompressed` on the static
 * plugin), which this plugin leaves alone because they already carry a Content-Encoding.
 * Answers that carry a secret are not compressed, so a secret's length cannot leak through the
 * size of a response that also reflects attacker-chosen text (BREACH). Request bodies are never
 * decompressed: Portico's clients send plain JSON and forms, and a small compressed body must not
 * become a large one past the body limit.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  // Added before the plugin's own onRoute hook, so it sees these choices for every route.
  app.addHook('onRoute', (route) => {
    route.decompress ??= false;
    if (route.url.startsWith(SECRET_BEARING)) route.compress ??= false;
  });
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
}
