/**
 * POST /intake/cases for channel connectors, authenticated with `Authorization: ChannelKey
 * <key>` (not a person's session: a connector is a system). Body and results are described in
 * intake/intake-schema.ts. 200 with per-case results whenever the envelope is valid, even if
 * every case was rejected; 4xx only for the request as a whole.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { checkChannelKey, type ChannelKey } from '../intake/channel-keys';
import { intakeCases } from '../intake/intake';
import { MAX_INTAKE_CASES, intakeRequestSchema, type IntakeResponse } from '../intake/intake-schema';
import { HttpError, unauthenticated } from './errors';
import { parseBody } from './validation';

async function authenticateChannel(ctx: ServerContext, header: string | undefined): Promise<ChannelKey> {
  const match = header ? /^ChannelKey\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) throw unauthenticated('Kunci kanal tidak ada; kirim header Authorization: ChannelKey <kunci>.');
  const check = await checkChannelKey(ctx.db, match[1]);
  if (check.status === 'revoked') throw unauthenticated('Kunci kanal sudah dicabut; minta kunci baru kepada admin.');
  if (check.status === 'unknown') throw unauthenticated('Kunci kanal tidak dikenal.');
  return check.key;
}

export function registerIntakeRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/intake/cases', async (request): Promise<IntakeResponse> => {
    const key = await authenticateChannel(ctx, request.headers.authorization);
    const raw = request.body;
    if (raw !== null && typeof raw === 'object' && 'cases' in raw && Array.isArray(raw.cases) && raw.cases.length > MAX_INTAKE_CASES) {
      throw new HttpError(413, 'batch_too_large', `Maksimal ${MAX_INTAKE_CASES} kasus per kiriman; kirim sisanya di kiriman berikutnya.`);
    }
    const body = parseBody(intakeRequestSchema, raw);
    return { results: await intakeCases(ctx, key.channel, body.cases, `kunci "${key.label}"`) };
  });
}
