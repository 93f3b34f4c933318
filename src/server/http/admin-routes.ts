/**
 * The admin API (accounts, units, devices, channel keys) and the audit trail. The auditor reads; only the
 * admin changes anything.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { canSeeCase, idSchema, type Role } from '../../shared';
import { AccountError, createUnit, createUser, newUnitSchema, newUserSchema, revokeDevice, updateUser, userPatchSchema } from '../auth/accounts';
import type { ServerContext } from '../context';
import { ChannelKeyError, createChannelKey, revokeChannelKey } from '../intake/channel-keys';
import { EVENT_REPORT, loadCases, notOthersDraft } from '../sync/store';
import { HttpError, forbidden, notFound } from './errors';
import { parseBody } from './validation';

const idParams = z.strictObject({ id: idSchema });
const deviceParams = z.strictObject({ id: z.string().min(1).max(64) });
const newChannelKeySchema = z.strictObject({ channel: z.string(), label: z.string() });
const auditQuery = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1_000).default(200),
});

function allow(request: FastifyRequest, roles: readonly Role[]) {
  if (!roles.includes(request.actor.role)) throw forbidden();
}

function fromAccountError(error: unknown): never {
  if (error instanceof AccountError) {
    throw new HttpError(error.code === 'duplicate' ? 409 : error.code === 'not_found' ? 404 : 400, error.code, error.message);
  }
  throw error;
}

export function registerAdminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/admin/users', { preHandler: app.requireAuth }, async (request) => {
    allow(request, ['admin', 'auditor']);
    const rows = await ctx.db.query('select id, username, display_name as "displayName", role, unit_id as "unitId", is_active as "isActive" from users order by username');
    return { users: rows.rows };
  });

  app.post('/admin/users', { preHandler: app.requireAuth }, async (request, reply) => {
    allow(request, ['admin']);
    const created = await createUser(ctx.db, parseBody(newUserSchema, request.body)).catch(fromAccountError);
    await ctx.reloadOrganisation();
    return reply.status(201).send(created);
  });

  app.patch('/admin/users/:id', { preHandler: app.requireAuth }, async (request) => {
    allow(request, ['admin']);
    const { id } = parseBody(idParams, request.params);
    await updateUser(ctx.db, id, parseBody(userPatchSchema, request.body)).catch(fromAccountError);
    await ctx.reloadOrganisation();
    return { ok: true };
  });

  app.post('/admin/units', { preHandler: app.requireAuth }, async (request, reply) => {
    allow(request, ['admin']);
    const created = await createUnit(ctx.db, parseBody(newUnitSchema, request.body)).catch(fromAccountError);
    await ctx.reloadOrganisation();
    return reply.status(201).send(created);
  });

  app.get('/admin/devices', { preHandler: app.requireAuth }, async (request) => {
    allow(request, ['admin', 'auditor']);
    const rows = await ctx.db.query('select id, user_id as "userId", last_seen_at as "lastSeenAt", revoked_at as "revokedAt" from devices order by last_seen_at desc limit 1000');
    return { devices: rows.rows };
  });

  app.post('/admin/devices/:id/revoke', { preHandler: app.requireAuth }, async (request) => {
    allow(request, ['admin']);
    const { id } = parseBody(deviceParams, request.params);
    if (!(await revokeDevice(ctx.db, id))) throw notFound('Perangkat tidak ditemukan atau sudah dicabut.');
    return { ok: true };
  });

  app.get('/admin/channel-keys', { preHandler: app.requireAuth }, async (request) => {
    allow(request, ['admin', 'auditor']);
    const rows = await ctx.db.query(
      'select id, channel, label, created_at as "createdAt", revoked_at as "revokedAt" from channel_keys order by created_at desc',
    );
    return { channelKeys: rows.rows };
  });

  /** The key's plaintext is in this answer only; the server keeps its hash. */
  app.post('/admin/channel-keys', { preHandler: app.requireAuth }, async (request, reply) => {
    allow(request, ['admin']);
    const body = parseBody(newChannelKeySchema, request.body);
    if (!ctx.org.config.channels.some((channel) => channel.key === body.channel)) {
      throw new HttpError(400, 'invalid_body', `Kanal "${body.channel}" tidak ada dalam konfigurasi.`);
    }
    const created = await createChannelKey(ctx.db, body.channel, body.label).catch((error: unknown) => {
      if (error instanceof ChannelKeyError) throw new HttpError(400, error.code, error.message);
      throw error;
    });
    return reply.status(201).send(created);
  });

  app.post('/admin/channel-keys/:id/revoke', { preHandler: app.requireAuth }, async (request) => {
    allow(request, ['admin']);
    const { id } = parseBody(idParams, request.params);
    if (!(await revokeChannelKey(ctx.db, id))) throw notFound('Kunci kanal tidak ditemukan atau sudah dicabut.');
    return { ok: true };
  });

  /**
   * The whole audit trail, in change order: for the internal supervisor. A draft report's
   * entries are its author's until it is submitted; they come in the feed then (renumbered).
   */
  app.get('/audit/events', { preHandler: app.requireAuth }, async (request) => {
    allow(request, ['auditor', 'admin']);
    const query = parseBody(auditQuery, request.query);
    const rows = await ctx.db.query<{ data: unknown; change_seq: number }>(
      `select e.data, e.change_seq from case_events e
        where e.change_seq > $1 and ${notOthersDraft(EVENT_REPORT, '$3')} order by e.change_seq limit $2`,
      [query.after, query.limit, request.actor.userId],
    );
    const last = rows.rows[rows.rows.length - 1];
    return { events: rows.rows.map((r) => r.data), next: last ? Number(last.change_seq) : query.after };
  });

  /**
   * One case's trail, for anyone who may see the case, in the order things happened (a draft's
   * entries, renumbered when it was submitted, keep their place); others' drafts left out.
   */
  app.get('/audit/cases/:id', { preHandler: app.requireAuth }, async (request) => {
    const { id } = parseBody(idParams, request.params);
    const found = (await loadCases(ctx.db, [id])).get(id);
    if (!found || !canSeeCase(request.actor, found.record, ctx.org.directory.units)) throw notFound();
    const rows = await ctx.db.query<{ data: unknown }>(
      `select e.data from case_events e where e.case_id = $1 and ${notOthersDraft(EVENT_REPORT, '$2')}
        order by (e.data->>'at')::timestamptz, e.change_seq`,
      [id, request.actor.userId],
    );
    return { events: rows.rows.map((r) => r.data) };
  });
}
