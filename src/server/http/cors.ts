/**
 * CORS for the browser shell (served from another port in development and in the demo) and
 * the Electron app's own origin. Only listed origins get the headers; everything else is
 * same-origin as usual. Tokens travel in the Authorization header, never in cookies.
 */
import type { FastifyInstance } from 'fastify';

export function registerCors(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  const allowed = new Set(allowedOrigins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !allowed.has(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'origin');
    reply.header('access-control-expose-headers', 'content-range, etag, content-length');
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
      reply.header('access-control-allow-headers', 'authorization, content-type, content-encoding, upload-offset');
      reply.header('access-control-max-age', '600');
      await reply.status(204).send();
    }
  });
}
