import type { FastifyInstance } from 'fastify';
import { LIMITS, PROTOCOL_VERSION, pullRequestSchema, pushRequestSchema } from '../../shared';
import type { ServerContext } from '../context';
import { pull } from '../sync/pull';
import { push, waitForPredecessor } from '../sync/push';
import { HttpError } from './errors';
import { parseBody } from './validation';

function checkProtocol(body: unknown) {
  if (body && typeof body === 'object' && 'protocolVersion' in body && body.protocolVersion !== PROTOCOL_VERSION) {
    throw new HttpError(400, 'protocol_mismatch', `Server memakai protokol versi ${PROTOCOL_VERSION}; perbarui aplikasi.`);
  }
}

const MAX_WAITING_PER_DEVICE = 2;

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  /** Pipelined pushes waiting for their predecessor, per device. */
  const waiting = new Map<string, number>();
  app.post('/sync/push', { preHandler: app.requireAuth }, async (request) => {
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
      // A device has one batch ahead at a time (two while an abandoned one is still noticed
      // gone): more waiting at once is refused rather than left polling.
      const count = waiting.get(body.deviceId) ?? 0;
      if (count >= MAX_WAITING_PER_DEVICE) throw new HttpError(409, 'predecessor_missing');
      waiting.set(body.deviceId, count + 1);
      const socket = request.raw.socket;
      try {
        const isReady = await waitForPredecessor(ctx.db, body.deviceId, body.after, {
          timeoutMs: ctx.settings.predecessorWaitMs,
          isGone: () => socket.destroyed,
        });
        if (!isReady) throw new HttpError(409, 'predecessor_missing');
      } finally {
        const left = (waiting.get(body.deviceId) ?? 1) - 1;
        if (left > 0) waiting.set(body.deviceId, left);
        else waiting.delete(body.deviceId);
      }
    }
    return push(ctx, request.actor, body);
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
