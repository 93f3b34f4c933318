/**
 * Starting the central server: open the store (PostgreSQL when DATABASE_URL is set, else
 * embedded PGlite in a data folder), apply migrations, seed the demo organisation into an
 * empty embedded store, and listen.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp, type RouteRegistrar } from './app';
import { createContext, type ServerContext, type ServerSettings } from './context';
import { openDatabase, type Database } from './db/database';
import { migrate } from './db/migrate';
import { createLogger, type Logger } from './logger';
import { pruneRemovals } from './sync/maintenance';

export interface ServeOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | null;
  host?: string;
  port?: number;
  settings?: Partial<ServerSettings>;
  routes?: readonly RouteRegistrar[];
  logger?: Logger;
  /** Called after migrations, before the context loads the organisation (demo seed). */
  prepare?: (db: Database) => Promise<void>;
}

export interface RunningServer {
  app: FastifyInstance;
  ctx: ServerContext;
  url: string;
  close(): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger();
  const db = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir ?? null });
  const applied = await migrate(db);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  await options.prepare?.(db);
  const ctx = await createContext(db, options.settings);
  const app = await buildApp(ctx, { logger, ...(options.routes ? { routes: options.routes } : {}) });
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8787 });
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : options.port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  logger.info({ url, store: db.kind }, 'Tindak central server listening');
  const prune = () =>
    pruneRemovals(db, ctx.settings.removalHorizonMs).then(
      (result) => result.pruned > 0 && logger.info(result, 'removal markers pruned'),
      (error: unknown) => logger.warn({ err: error }, 'pruning removal markers failed'),
    );
  const pruneTimer = setInterval(() => void prune(), 6 * 3_600_000);
  pruneTimer.unref();
  void prune();
  return {
    app,
    ctx,
    url,
    async close() {
      clearInterval(pruneTimer);
      await app.close();
      await db.close();
    },
  };
}
