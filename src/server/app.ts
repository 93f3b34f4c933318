/**
 * The central server's HTTP application. Built by `buildApp` so tests run the real thing on
 * loopback; `cli.ts serve` listens on a port.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { ERROR_MESSAGES, type ErrorCode } from '../shared';
import { RateLimiter } from './auth/rate-limit';
import { authenticateAccessToken, type AuthenticatedActor } from './auth/tokens';
import type { ServerContext } from './context';
import { registerAdminRoutes } from './http/admin-routes';
import { registerAttachmentRoutes } from './http/attachment-routes';
import { registerAuthRoutes } from './http/auth-routes';
import { registerBodyHandling } from './http/body';
import { registerCors } from './http/cors';
import { HttpError, unauthenticated } from './http/errors';
import { registerIntakeRoutes } from './http/intake-routes';
import { registerSyncRoutes } from './http/sync-routes';
import { createLogger, loggableError, type Logger } from './logger';

declare module 'fastify' {
  interface FastifyInstance {
    requireAuth: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    actor: AuthenticatedActor;
  }
}

export type RouteRegistrar = (app: FastifyInstance, ctx: ServerContext) => void;

export interface BuildOptions {
  logger?: Logger;
  /** Extra route groups registered after the built-in ones (tests use it to observe requests). */
  routes?: readonly RouteRegistrar[];
}

const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'batch_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'invalid_body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json' },
};

export async function buildApp(ctx: ServerContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const app: FastifyInstance = Fastify({ loggerInstance: logger as FastifyBaseLogger, bodyLimit: ctx.settings.bodyLimitBytes });
  registerCors(app, ctx.settings.allowedOrigins);
  registerBodyHandling(app, ctx.settings.bodyLimitBytes);

  // Every request works with an organisation no staler than organisationCheckMs: another
  // process or the command line may have changed it. If the store cannot answer, the request
  // goes on with what is held (its own queries will meet the same trouble and say so).
  app.addHook('onRequest', async (request) => {
    if (request.url === '/health') return;
    await ctx.refreshOrganisation().catch((error: unknown) => request.log.warn({ error: loggableError(error) }, 'organisation check failed'));
  });

  const deviceLimiter = new RateLimiter(ctx.settings.requestsPerMinutePerDevice, 60_000);
  app.decorateRequest('actor', null as unknown as AuthenticatedActor);
  app.decorate('requireAuth', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    if (!token) throw unauthenticated('Masuk dulu: token akses tidak ada.');
    const actor = await authenticateAccessToken(ctx.db, token);
    if (!actor) throw unauthenticated();
    if (!deviceLimiter.hit(`${actor.userId}:${actor.deviceId}`)) {
      throw new HttpError(429, 'rate_limited', 'Terlalu banyak permintaan dari perangkat ini; coba lagi sebentar.');
    }
    request.actor = actor;
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send({ error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } });
    }
    const fastifyError = error as { code?: string; statusCode?: number; message: string };
    const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
    if (known) return reply.status(known.status).send({ error: { code: known.code, message: ERROR_MESSAGES[known.code].id } });
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return reply.status(fastifyError.statusCode).send({ error: { code: 'invalid_body', message: fastifyError.message } });
    }
    request.log.error({ error: loggableError(error) }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: ERROR_MESSAGES.internal.id } });
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: { code: 'not_found', message: 'Alamat tidak dikenal.' } }));

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    try {
      await ctx.db.query('select 1 from sync_clock');
      return { status: 'ready', store: ctx.db.kind };
    } catch {
      return reply.status(503).send({ status: 'not_ready' });
    }
  });

  registerAuthRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerAttachmentRoutes(app, ctx);
  registerIntakeRoutes(app, ctx);
  for (const register of options.routes ?? []) register(app, ctx);
  return app;
}
