/**
 * Pull under concurrent writes (property): while devices push, a reader pages through with
 * random page sizes. Every change arrives exactly once, in order per record, and the reader
 * ends equal to the server.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type CaseRecord, type PulledChange } from '../../../src/shared';
import { caseIn } from '../../helpers/org-fixture';
import { startServer, storesToTest, type TestServer } from '../../helpers/server';

const stores = await storesToTest();

describe.each(stores)('pull under concurrent writes on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('never misses or repeats a change', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 12 }),
        fc.array(fc.array(fc.nat({ max: 11 }), { minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 10 }),
        async (caseCount, batches, pageSizes) => {
          const records: CaseRecord[] = await server.insertCases(
            Array.from({ length: caseCount }, () => {
              const id = uuidv7();
              return caseIn('in_follow_up', { id, ticketId: `P-${id.slice(-12)}` });
            }),
          );
          const writers = await Promise.all([server.login('admin'), server.login('liaisonA')]);
          const reader = await server.login('auditor');
          // The reader starts from "now": only what happens during the run matters.
          await reader.pullAll();
          const known = new Map(records.map((r) => [r.id, r]));
          const delivered: PulledChange[] = [];
          let isWriting = true;

          const write = async () => {
            for (const [i, batch] of batches.entries()) {
              const writer = writers[i % 2]!;
              const mutations = [...new Set(batch.map((n) => records[n % records.length]!.id))].map((id) =>
                writer.update(id, { urgency: i % 2 === 0 ? 'urgent' : 'normal' }, {}, null),
              );
              await writer.push(mutations);
            }
            isWriting = false;
          };
          const read = async () => {
            let page = 0;
            while (isWriting) {
              const response = await reader.pullPage(pageSizes[page % pageSizes.length]!);
              page += 1;
              if ('changes' in response) delivered.push(...response.changes);
            }
            delivered.push(...(await reader.pullAll(pageSizes[0]!)));
          };
          await Promise.all([write(), read()]);

          const caseVersions = delivered.filter((c) => c.kind === 'case').map((c) => `${c.record.id}@${(c.record as CaseRecord).version}`);
          expect(new Set(caseVersions).size, 'a case version delivered twice').toBe(caseVersions.length);
          const eventIds = delivered.filter((c) => c.kind === 'event').map((c) => c.record.id);
          expect(new Set(eventIds).size, 'an event delivered twice').toBe(eventIds.length);

          const latest = new Map<string, number>();
          for (const change of delivered) {
            if (change.kind !== 'case') continue;
            const previous = latest.get(change.record.id) ?? 0;
            expect(change.record.version, 'versions arrive in order').toBeGreaterThan(previous);
            latest.set(change.record.id, change.record.version);
          }
          for (const id of known.keys()) {
            const onServer = await server.caseOnServer(id);
            if (onServer!.version > 1) expect(latest.get(id), `final version of ${id}`).toBe(onServer!.version);
          }
          const serverEvents = await server.db.query<{ id: string }>('select id from case_events where case_id = any($1::uuid[])', [[...known.keys()]]);
          expect(new Set(eventIds)).toEqual(new Set(serverEvents.rows.map((r) => r.id)));
        },
      ),
      { numRuns: 8 },
    );
  }, 180_000);
});
