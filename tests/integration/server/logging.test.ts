/**
 * The server's log never carries the reporter's personal data, also when a database error
 * arrives with the statement's parameters attached (PGlite does that).
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '../../../src/server/logger';
import type { ServerContext } from '../../../src/server/context';
import { startServer, storesToTest, request, type TestServer } from '../../helpers/server';

const stores = await storesToTest();

describe.each(stores)('the log on %s', (kind) => {
  let server: TestServer;
  const lines: string[] = [];
  const reporter = { name: 'Siti Aminah Lestari', address: 'Jl. Salemba Raya 28, Jakarta Pusat', nik: '3174015505850001' };

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    // A route that fails inside the database with a case row as a statement parameter.
    const failing = (app: FastifyInstance, ctx: ServerContext) => {
      app.get('/test/failing-query', async () => {
        await ctx.db.query('select ($1::jsonb ->> $2)::int', [JSON.stringify({ reporter }), 'reporter']);
        return { ok: true };
      });
    };
    server = await startServer(kind, { routes: [failing], logger: createLogger({ level: 'error', destination }) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('records an unexpected database error by kind, code and place, without its parameters', async () => {
    const result = await request<{ error: { code: string } }>(server.url, 'GET', '/test/failing-query');
    expect(result.status).toBe(500);
    expect(result.body.error.code).toBe('internal');
    const logged = lines.join('');
    expect(logged).toContain('unhandled error');
    expect(logged).toMatch(/"code":"22P02"/);
    expect(logged).toContain('invalid input syntax for type integer');
    expect(logged).toMatch(/"stack":/);
    for (const secret of [reporter.name, 'Salemba', reporter.nik]) expect(logged).not.toContain(secret);
  });
});
