/**
 * Opening one user's local store at sign-in (online or offline): the database
 * `tindak-user-<userId>`, the keys unwrapped with the password, the device id, the synced
 * directory and profile. Signing in as another officer opens another database; nothing of the
 * previous one is cleared or read.
 */
import Dexie, { type DexieOptions } from 'dexie';
import { z } from 'zod';
import {
  deviceIdSchema,
  idSchema,
  roleSchema,
  type Actor,
  type WorkflowDirectory,
} from '../../shared';
import {
  DEFAULT_KDF_PARAMS,
  createUserKeys,
  rewrapUserKeys,
  unwrapUserKeys,
  type KdfParams,
  type UserKeys,
  type WrappedUserKeys,
} from './encryption';
import { caseQueueKeys } from './case-queue-keys';
import { META, TindakDatabase } from './database';
import { directorySnapshotSchema, workflowDirectoryFrom, type DirectorySnapshot } from './directory';
import { LocalStoreError, asStoreError } from './errors';
import { newRevision, type SealingContext } from './record-rows';


const bytesSchema = z.custom<Uint8Array<ArrayBuffer>>((value) => value instanceof Uint8Array, 'bytes expected');

const wrappedKeysSchema = z.object({
  kdf: z.object({
    algorithm: z.literal('argon2id'),
    memoryKiB: z.number().int().min(8),
    iterations: z.number().int().min(1),
    parallelism: z.number().int().min(1),
  }),
  salt: bytesSchema,
  wrapping: z.literal('AES-KW'),
  dataKey: bytesSchema,
  hashKey: bytesSchema,
  createdAt: z.string(),
  rewrappedAt: z.string().nullable(),
}) satisfies z.ZodType<WrappedUserKeys>;

const profileSchema = z.object({ userId: idSchema, role: roleSchema, unitId: idSchema });

export type PersistenceOutcome = 'granted' | 'denied' | 'unavailable' | 'unanswered';

export interface PersistenceRecord {
  requestedAt: string;
  outcome: PersistenceOutcome;
}

export interface OpenUserStoreOptions {
  userId: string;
  password: string;
  /**
   * Used only when this user's store is created on this workstation. The store's device id is
   * made once and kept: sign in to the server with `store.deviceId`.
   */
  deviceId?: string;
  /** Passed to Dexie (tests pass fake-indexeddb's `indexedDB` and `IDBKeyRange`). */
  dexieOptions?: DexieOptions;
  /** KDF parameters for a store created now; an existing store keeps the ones it was made with. */
  kdfParams?: KdfParams;
}

export class UserStore {
  #directory: DirectorySnapshot | null;
  #workflowDirectory: WorkflowDirectory | null;
  #profile: Actor | null;

  constructor(
    readonly db: TindakDatabase,
    readonly keys: UserKeys,
    readonly deviceId: string,
    directory: DirectorySnapshot | null,
    profile: Actor | null,
    readonly persistence: PersistenceRecord,
  ) {
    this.#directory = directory;
    this.#workflowDirectory = directory ? workflowDirectoryFrom(directory) : null;
    this.#profile = profile;
  }

  get userId(): string {
    return this.db.userId;
  }

  get directory(): DirectorySnapshot | null {
    return this.#directory;
  }

  get profile(): Actor | null {
    return this.#profile;
  }

  sealing(): SealingContext {
    return { keys: this.keys, directory: this.#directory };
  }

  /** The signed-in officer as the workflow checks see them. */
  requireActor(): Actor {
    if (this.#profile) return this.#profile;
    const person = this.#directory?.people.find((p) => p.id === this.userId);
    if (person) return { userId: person.id, role: person.role, unitId: person.unitId };
    throw new LocalStoreError('profile_missing');
  }

  requireWorkflowDirectory(): WorkflowDirectory {
    if (!this.#workflowDirectory) throw new LocalStoreError('directory_missing');
    return this.#workflowDirectory;
  }

  /** Stores the role and unit from the sign-in answer, for later offline sign-ins. */
  async saveProfile(user: { id: string; role: string; unitId: string }): Promise<void> {
    const profile = profileSchema.parse({ userId: user.id, role: user.role, unitId: user.unitId });
    if (profile.userId !== this.userId) throw new LocalStoreError('invalid_input', 'Profil bukan milik pengguna yang sedang masuk.');
    try {
      await this.db.meta.put({ key: META.profile, value: profile });
    } catch (error) {
      throw asStoreError(error);
    }
    this.#profile = profile;
  }

  /**
   * Stores the answer of GET /sync/directory and refreshes every case's deadline and queue
   * key (holidays or deadline policy may have changed), unless it is the directory already
   * kept. Plaintext fields only: no decryption.
   */
  async saveDirectorySnapshot(answer: unknown): Promise<void> {
    const parsed = directorySnapshotSchema.safeParse(answer);
    if (!parsed.success) throw new LocalStoreError('invalid_input', 'Data organisasi dari server tidak valid.', { cause: parsed.error });
    const snapshot = parsed.data;
    // Recomputing every case takes about a minute at 100,000 cases: an unchanged directory
    // (the usual answer at sign-in) changes nothing. Both sides are parsed by the same schema.
    if (this.#directory !== null && JSON.stringify(snapshot) === JSON.stringify(this.#directory)) return;
    try {
      await this.db.transaction('rw', [this.db.meta, this.db.cases], async () => {
        await this.db.meta.put({ key: META.directory, value: snapshot });
        await this.db.cases.toCollection().modify((row) => {
          Object.assign(row, caseQueueKeys(row, snapshot), { rev: newRevision() });
        });
      });
    } catch (error) {
      throw asStoreError(error);
    }
    this.#directory = snapshot;
    this.#workflowDirectory = workflowDirectoryFrom(snapshot);
  }

  /**
   * Rewraps the keys under a new password (optionally with stronger KDF parameters). The data
   * is not re-encrypted: only the two wrapped keys change, in one small transaction.
   */
  async changePasswordWrap(oldPassword: string, newPassword: string, kdfParams?: KdfParams): Promise<void> {
    const current = wrappedKeysSchema.parse((await this.db.meta.get(META.keys))?.value);
    const next = await rewrapUserKeys(oldPassword, newPassword, current, kdfParams ?? current.kdf);
    try {
      await this.db.transaction('rw', this.db.meta, async () => {
        const now = wrappedKeysSchema.parse((await this.db.meta.get(META.keys))?.value);
        // Another window changed the password meanwhile: do not overwrite its wrap.
        if (!sameBytes(now.salt, current.salt)) throw new LocalStoreError('busy');
        await this.db.meta.put({ key: META.keys, value: next });
      });
    } catch (error) {
      throw asStoreError(error);
    }
  }

  close(): void {
    this.db.close();
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function newDeviceId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const text = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `ws-${text}`;
}

/**
 * Asks the browser not to evict this origin's storage under pressure. Firefox may ask the user,
 * so the answer is awaited for a short while only; it is recorded either way.
 */
async function requestPersistentStorage(waitMs = 2_000): Promise<PersistenceOutcome> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage || typeof storage.persist !== 'function') return 'unavailable';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unanswered = new Promise<PersistenceOutcome>((resolve) => {
    timer = setTimeout(() => resolve('unanswered'), waitMs);
  });
  const answer = (async (): Promise<PersistenceOutcome> => {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  })().catch((): PersistenceOutcome => 'unavailable');
  try {
    return await Promise.race([answer, unanswered]);
  } finally {
    clearTimeout(timer);
  }
}

async function readMeta<T>(db: TindakDatabase, key: string, schema: z.ZodType<T>): Promise<T | null> {
  const row = await db.meta.get(key);
  if (row === undefined) return null;
  return schema.parse(row.value);
}

/**
 * Opens (or, on first use, creates) the user's store. A wrong password fails with
 * `wrong_password` after reading only the wrapped keys; nothing is written.
 */
export async function openUserStore(options: OpenUserStoreOptions): Promise<UserStore> {
  if (!idSchema.safeParse(options.userId).success) throw new LocalStoreError('invalid_input', 'ID pengguna tidak valid.');
  if (options.deviceId !== undefined && !deviceIdSchema.safeParse(options.deviceId).success) {
    throw new LocalStoreError('invalid_input', 'ID perangkat tidak valid.');
  }
  const db = new TindakDatabase(options.userId, options.dexieOptions);
  try {
    await db.open();
    let keys: UserKeys;
    const stored = await readMeta(db, META.keys, wrappedKeysSchema);
    if (stored) {
      keys = await unwrapUserKeys(options.password, stored);
    } else {
      const created = await createUserKeys(options.password, options.kdfParams ?? DEFAULT_KDF_PARAMS);
      const deviceId = options.deviceId ?? newDeviceId();
      // Two windows signing in for the first time at once: the first wrap written wins, and
      // the other window unwraps that one instead of overwriting it.
      const isOurs = await db.transaction('rw', db.meta, async () => {
        if (await db.meta.get(META.keys)) return false;
        await db.meta.bulkPut([
          { key: META.keys, value: created.wrapped },
          { key: META.deviceId, value: deviceId },
          { key: META.nextSeq, value: 1 },
        ]);
        return true;
      });
      const winner = isOurs ? null : await readMeta(db, META.keys, wrappedKeysSchema);
      keys = winner ? await unwrapUserKeys(options.password, winner) : created.keys;
    }
    const deviceId = await readMeta(db, META.deviceId, deviceIdSchema);
    if (!deviceId) throw new Error(`store of ${options.userId} has keys but no device id`);
    const directory = await readMeta(db, META.directory, directorySnapshotSchema);
    const profile = await readMeta(db, META.profile, profileSchema);
    const persistence: PersistenceRecord = { requestedAt: new Date().toISOString(), outcome: await requestPersistentStorage() };
    await db.meta.put({ key: META.persistence, value: persistence });
    return new UserStore(db, keys, deviceId, directory, profile, persistence);
  } catch (error) {
    db.close();
    throw asStoreError(error);
  }
}

/** What can be read of a user's store without their password: plaintext bookkeeping only. */
export interface LockedStoreFacts {
  deviceId: string | null;
  /**
   * Work that exists nowhere but here: outbox entries (a case or report created here has one
   * until the server answers), changes the server rejected and the officer has not dealt with,
   * files not on the server. Counted from plaintext columns; nothing is opened.
   */
  unsentCount: number;
}

/**
 * Facts about a store whose keys cannot be unwrapped (the password changed on the server
 * since this workstation last saw it): enough to tell the officer what a fresh start would
 * lose. Null when the user has no store here.
 */
export async function inspectLockedStore(userId: string, dexieOptions?: DexieOptions): Promise<LockedStoreFacts | null> {
  if (!idSchema.safeParse(userId).success) throw new LocalStoreError('invalid_input', 'ID pengguna tidak valid.');
  const db = new TindakDatabase(userId, dexieOptions);
  try {
    if (!(await Dexie.exists(db.name))) return null;
    await db.open();
    if (!(await db.meta.get(META.keys))) return null;
    const deviceId = await readMeta(db, META.deviceId, deviceIdSchema);
    const [outbox, rejected, files] = await Promise.all([
      db.outbox.count(),
      db.rejected.where('status').equals('open').count(),
      db.attachments.filter((row) => row.pieces !== null && !row.isUploaded).count(),
    ]);
    return { deviceId, unsentCount: outbox + rejected + files };
  } catch (error) {
    throw asStoreError(error);
  } finally {
    db.close();
  }
}

/**
 * Deletes a user's whole store on this workstation (records, keys, outbox). Only for a store
 * that can no longer be opened and whose owner chose to start again from the server's copy.
 */
export async function deleteUserStore(userId: string, dexieOptions?: DexieOptions): Promise<void> {
  if (!idSchema.safeParse(userId).success) throw new LocalStoreError('invalid_input', 'ID pengguna tidak valid.');
  const db = new TindakDatabase(userId, dexieOptions);
  try {
    await db.delete();
  } catch (error) {
    throw asStoreError(error);
  }
}
