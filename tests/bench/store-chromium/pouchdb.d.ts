// The few PouchDB calls the store benchmark makes. Written here rather than taken from
// @types/pouchdb-*: those declare a global `Buffer` interface that breaks Node's own.
declare namespace BenchPouch {
  interface Database {
    bulkDocs(docs: readonly object[]): Promise<unknown[]>;
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<unknown>;
  }
  interface ReplicationResult {
    ok: boolean;
    docs_written: number;
    errors: unknown[];
  }
  interface Static {
    new (name: string, options?: { adapter?: string }): Database;
    plugin(plugin: unknown): Static;
    defaults(options: { adapter?: string }): Static;
    replicate(
      source: string | Database,
      target: string | Database,
      options?: { batch_size?: number; batches_limit?: number },
    ): Promise<ReplicationResult>;
  }
}

declare module 'pouchdb-browser' {
  const PouchDB: BenchPouch.Static;
  export default PouchDB;
}

declare module 'pouchdb-core' {
  const PouchDB: BenchPouch.Static;
  export default PouchDB;
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}

declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  function expressPouchDB(
    pouchDb: BenchPouch.Static,
    options?: {
      mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
      inMemoryConfig?: boolean;
      logPath?: string;
    },
  ): (request: IncomingMessage, response: ServerResponse) => void;
  export default expressPouchDB;
}
