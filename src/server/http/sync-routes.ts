import type { FastifyInstance } from 'fastify';
import { LIMITS, PROTOCOL_VERSION, pullRequestSchema, pushRequestSchema } from '../../shared';
import type { ServerContext } from '../context';
import { pull } from '../sync/pull';
import { PushSignals, push, waitForPredecessor } from '../sync/push';
import { HttpError } from './errors';
import { parseBody } from './validation';

function checkProtocol(body: unknown) {
  if (body && typeof body === 'object' && 'protocolVersion' in body && body.protocolVersion !== PROTOCOL_VERSION) {
    throw new HttpError(400, 'protocol_mismatch', `Server memakai protokol versi ${PROTOCOL_VERSION}; perbarui aplikasi.`);
  }
}

/** Pipelined pushes waiting for their predecessor at once, at most: per device, per person, per server process. */
const WAIT_LIMITS = { device: 2, user: 4, all: 200 } as const;
const waitLimitOf = (key: string) => (key.startsWith('device:') ? WAIT_LIMITS.device : key.startsWith('user:') ? WAIT_LIMITS.user : WAIT_LIMITS.all);

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  /** Pipelined pushes waiting for their predecessor: per `device:…`, `user:…` and `all`. */
  const waiting = new Map<string, number>();
  /** Wakes those waits when a push of their device finishes here. */
  const signals = new PushSignals();
  app.post('/sync/push', { preHandler: app.requireAuth }, async (request, reply) => {
    checkProtocol(request.body);
    const raw = request.body as { mutations?: unknown } | null;
    if (raw && Array.isArray(raw.mutations) && raw.mutations.length > LIMITS.maxBatchMutations) {
      throw new HttpError(413, 'batch_too_large', `Maksimal ${LIMITS.maxBatchMutations} mutasi per kiriman; kirim sisanya di kiriman berikutnya.`);
    }
    const body = parseBody(pushRequestSchema, request.body);
    if (body.deviceId !== request.actor.deviceId) {
      throw new HttpError(403, 'forbidden', 'Kiriman harus dari perangkat yang sedang masuk.');
    }
    if (typeof body.after === 'number') {
      // A device has one batch ahead at a time (two while an abandoned one is still being
      // noticed gone); one person a few devices; the process a bounded number. More waiting at
      // once is refused at once rather than left polling.
      const keys = [`device:${body.deviceId}`, `user:${request.actor.userId}`, 'all'];
      if (keys.some((key) => (waiting.get(key) ?? 0) >= waitLimitOf(key))) throw new HttpError(409, 'predecessor_missing');
      for (const key of keys) waiting.set(key, (waiting.get(key) ?? 0) + 1);
      // The client has gone when the response closes before it was sent (an aborted fetch, a
      // proxy closing its upstream connection).
      let isGone = false;
      const onClose = () => {
        if (!reply.raw.writableFinished) isGone = true;
      };
      reply.raw.on('close', onClose);
      try {
        const isReady = await waitForPredecessor(ctx.db, body.deviceId, body.after, {
          timeoutMs: ctx.settings.predecessorWaitMs,
          pollMs: ctx.settings.predecessorPollMs,
          signals,
          isGone: () => isGone || request.raw.socket.destroyed,
        });
        // A batch whose client left is not applied: the client sends it again if it still needs to.
        if (!isReady || isGone) throw new HttpError(409, 'predecessor_missing');
      } finally {
        reply.raw.off('close', onClose);
        for (const key of keys) {
          const left = (waiting.get(key) ?? 1) - 1;
          if (left > 0) waiting.set(key, left);
          else waiting.delete(key);
        }
      }
    }
    try {
      return await push(ctx, request.actor, body);
    } finally {
      signals.pushed(body.deviceId);
    }
  });

  app.post('/sync/pull', { preHandler: app.requireAuth }, async (request) => {
    checkProtocol(request.body);
    return pull(ctx, request.actor, parseBody(pullRequestSchema, request.body));
  });

  /** Units, assignable people and configuration: what the desk needs to offer choices. */
  app.get('/sync/directory', { preHandler: app.requireAuth }, async () => ({
    protocolVersion: PROTOCOL_VERSION,
    config: ctx.org.config,
    units: ctx.org.units,
    people: [...ctx.org.people.values()].map((p) => ({ id: p.id, displayName: p.displayName, role: p.role, unitId: p.unitId, isActive: p.isActive })),
  }));
}
