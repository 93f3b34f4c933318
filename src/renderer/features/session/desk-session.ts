/**
 * Signing in and out. The first sign-in of an officer on a workstation is online: the server
 * checks the password, and the officer's local store is created with a data key wrapped by
 * that password. Afterwards the store itself checks the password (the key unwraps or not), so
 * signing in works offline; when the server is reachable it is asked too, for fresh tokens
 * and the organisation directory.
 *
 * A DeskSession owns the open store, the HTTP client and the sync engine of one officer.
 * Signing out stops the engine and closes the store; nothing is deleted, so each officer's
 * data and unsent queue stay apart on a shared workstation.
 */
import {
  LocalStoreError,
  LocalSyncStore,
  createAttachmentQueue,
  deleteUserStore,
  directorySnapshotSchema,
  inspectLockedStore,
  openUserStore,
  type UserStore,
} from '../../db';
import {
  AttachmentUploader,
  SyncAbortedError,
  SyncEngine,
  SyncHttpClient,
  SyncHttpError,
  SyncNetworkError,
  SyncTimeoutError,
  sessionTokensSchema,
  statusError,
  statusSinkOf,
  type LoginResponse,
  type SessionSource,
  type SessionTokens,
} from '../../sync';
import type { AppStore } from '../../state/app-store';
import type { SignedInOfficer } from '../../state/session-slice';
import { localStoreTokenKeeper, type TokenKeeper } from './token-keeper';
import {
  findAccount,
  normalizeUsername,
  rememberAccount,
  type KeyValueStorage,
} from './workstation-accounts';

export type SignInErrorCode =
  | 'wrong_password'
  /** The password did not open this workstation's data, and the officer stopped the server's check of it. */
  | 'password_not_checked'
  /** The server took the password but this workstation's data is still locked with the previous one. */
  | 'password_changed_on_server'
  /** The previous password given to unlock the workstation's data is not it either. */
  | 'wrong_previous_password'
  | 'invalid_credentials'
  | 'first_sign_in_needs_server'
  | 'no_server'
  | 'server_refused'
  | 'storage';

export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly code: SignInErrorCode,
    readonly serverMessage: string | null = null,
    /**
     * With `password_changed_on_server`: work on this workstation not yet on the server; null
     * when it could not be counted (treat as "some").
     */
    readonly unsentCount: number | null = null,
  ) {
    super(code);
  }
}

export interface SignInOptions {
  serverUrl: string | null;
  username: string;
  password: string;
  storage: KeyValueStorage;
  appStore: AppStore;
  /** How long to wait for the server before signing in offline. */
  onlineTimeoutMs?: number;
  /** Where the session's tokens are kept (the OS vault in Electron); the officer's store by default. */
  tokenKeeper?: TokenKeeper;
  /**
   * After `password_changed_on_server`: the password this workstation's data is locked with.
   * The data key is then rewrapped under the new password; nothing is re-encrypted.
   */
  previousPassword?: string;
  /**
   * After `password_changed_on_server`, when the previous password is lost: delete this
   * officer's local store (including `unsentCount` unsent items) and start again from the
   * server's copy.
   */
  discardLocalData?: boolean;
  /**
   * Told when the password did not open this workstation's data and the server is being asked
   * whether it is the officer's new one (true), and when that check is over (false): it can
   * take up to the online timeout on a slow link, so the form says what it waits for.
   */
  onServerCheck?: (isChecking: boolean) => void;
  /** Aborting stops waiting for that check: the sign-in fails with `password_not_checked`. */
  signal?: AbortSignal;
}

function newDeviceId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  return `ws-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const isUnreachable = (error: unknown) =>
  error instanceof SyncNetworkError || error instanceof SyncTimeoutError;

/** Tokens kept sealed by the token keeper (token-keeper.ts), cached in memory. */
class VaultSessionSource implements SessionSource {
  #tokens: SessionTokens | null;
  #onEnded: () => void;

  constructor(
    private readonly store: UserStore,
    private readonly keeper: TokenKeeper,
    tokens: SessionTokens | null,
    onEnded: () => void,
  ) {
    this.#tokens = tokens;
    this.#onEnded = onEnded;
  }

  get deviceId(): string {
    return this.store.deviceId;
  }

  getTokens(): Promise<SessionTokens | null> {
    return Promise.resolve(this.#tokens);
  }

  async saveTokens(tokens: SessionTokens): Promise<void> {
    await this.keeper.save(this.store, tokens);
    this.#tokens = tokens;
  }

  async sessionEnded(): Promise<void> {
    this.#tokens = null;
    await this.keeper.save(this.store, null).catch(() => undefined);
    this.#onEnded();
  }
}

export class DeskSession {
  private constructor(
    readonly store: UserStore,
    readonly engine: SyncEngine,
    readonly officer: SignedInOfficer,
    readonly serverUrl: string | null,
    /** Where this session's tokens are kept, and why not in the OS vault when that was refused. */
    readonly tokenKeeper: TokenKeeper,
  ) {}

  /** Signs in online when the server answers, offline from the local store otherwise. */
  static async signIn(options: SignInOptions): Promise<DeskSession> {
    const username = normalizeUsername(options.username);
    const known = findAccount(options.storage, username);
    const timeouts = { baseMs: options.onlineTimeoutMs ?? 8_000 };
    const keeper = options.tokenKeeper ?? localStoreTokenKeeper;
    let store: UserStore;
    let login: LoginResponse | null = null;
    let client: SyncHttpClient | null = null;
    let tokens: SessionTokens | null = null;
    let pendingDeviceId = newDeviceId();
    const holder: { source: VaultSessionSource | null } = { source: null };
    const lazySource: SessionSource = {
      get deviceId() {
        return holder.source?.deviceId ?? pendingDeviceId;
      },
      getTokens: () => holder.source?.getTokens() ?? Promise.resolve(tokens),
      saveTokens: async (next) => {
        tokens = next;
        if (holder.source) await holder.source.saveTokens(next);
      },
      sessionEnded: async () => {
        tokens = null;
        if (holder.source) await holder.source.sessionEnded();
      },
    };

    let reopened: UserStore | null = null;
    if (known) {
      // The store checks the password first: a wrong one fails here, online or not, unless the
      // server says it is the officer's password now (changed or reset since this workstation
      // last saw it); then the data waits for the previous one, or for a fresh start.
      const opened = await openStore(known.userId, options.password).catch(async (error: unknown) => {
        if (!(error instanceof SignInError) || error.code !== 'wrong_password' || !options.serverUrl) throw error;
        return null;
      });
      if (opened === null) {
        const facts = await inspectLockedStore(known.userId).catch(() => null);
        if (facts?.deviceId) pendingDeviceId = facts.deviceId;
        client = new SyncHttpClient({ baseUrl: options.serverUrl!, session: lazySource, timeouts });
        options.onServerCheck?.(true);
        try {
          login = await client.login(username, options.password, options.signal ? { signal: options.signal } : {});
        } catch (error) {
          if (error instanceof SyncAbortedError) throw new SignInError('password_not_checked');
          // Unreachable or refused: the server does not vouch for this password either.
          if (isUnreachable(error) || (error instanceof SyncHttpError && error.code === 'invalid_credentials'))
            throw new SignInError('wrong_password');
          throw serverRefusal(error);
        } finally {
          options.onServerCheck?.(false);
        }
        reopened = await reopenAfterServerChange(known.userId, options, facts === null ? null : facts.unsentCount);
        if (reopened.deviceId !== pendingDeviceId) {
          // A fresh store has a fresh device id: its tokens must be issued to that device.
          pendingDeviceId = reopened.deviceId;
          login = await signInAgainAs(reopened, client, username, options.password);
        }
      }
      store = reopened ?? opened!;
      pendingDeviceId = store.deviceId;
      if (options.serverUrl && !reopened) {
        client = new SyncHttpClient({ baseUrl: options.serverUrl, session: lazySource, timeouts });
        try {
          login = await client.login(username, options.password);
        } catch (error) {
          if (!isUnreachable(error)) {
            store.close();
            throw serverRefusal(error);
          }
        }
      }
      if (!login) tokens = parseTokens(await keeper.read(store).catch(() => null));
    } else {
      if (!options.serverUrl) throw new SignInError('no_server');
      client = new SyncHttpClient({ baseUrl: options.serverUrl, session: lazySource, timeouts });
      try {
        login = await client.login(username, options.password);
      } catch (error) {
        if (isUnreachable(error)) throw new SignInError('first_sign_in_needs_server');
        throw serverRefusal(error);
      }
      store = await openStore(login.user.id, options.password, pendingDeviceId);
      if (store.deviceId !== pendingDeviceId) {
        // The store was made earlier on this workstation (the account list was cleared):
        // sign in again under the store's own device id.
        pendingDeviceId = store.deviceId;
        login = await signInAgainAs(store, client, username, options.password);
      }
    }

    const appStore = options.appStore;
    const source = new VaultSessionSource(store, keeper, tokens, () => {
      appStore
        .getState()
        .updateSyncStatus({ phase: 'blocked', error: statusError('unauthenticated', Date.now()) });
    });
    holder.source = source;
    try {
      if (login) {
        const { accessToken, refreshToken, accessExpiresAt, refreshExpiresAt } = login;
        await source.saveTokens({ accessToken, refreshToken, accessExpiresAt, refreshExpiresAt });
        const before = store.profile;
        if (before && (before.role !== login.user.role || before.unitId !== login.user.unitId)) {
          // Moved to another unit or given another role: the copy here was pulled for the old
          // scope (other cases, personal data the new role may not see), and the server sends no
          // removal markers for a change of the officer's own scope. Pull again from the start;
          // unsent work stays. Before the profile is saved, so a crash in between resets again.
          await new LocalSyncStore(store).resetReplica();
        }
        await store.saveProfile(login.user);
        if (client) {
          try {
            const directory = await client.sendJson(
              'GET',
              '/sync/directory',
              undefined,
              directorySnapshotSchema,
            );
            // Recomputes every case's deadline only when the directory changed (user-store.ts).
            await store.saveDirectorySnapshot(directory.data);
          } catch (error) {
            // The link dropped right after the sign-in: the directory kept here will do.
            if (!isUnreachable(error) || !store.directory) throw error;
          }
        }
      }
      const profile = store.requireActor();
      store.requireWorkflowDirectory();
      const account = {
        username,
        userId: store.userId,
        displayName: login?.user.displayName ?? known?.displayName ?? username,
        role: profile.role,
        unitId: profile.unitId,
      };
      rememberAccount(options.storage, account);

      // Without a configured server every cycle fails as unreachable, which the status bar shows.
      const http = new SyncHttpClient({
        baseUrl: options.serverUrl ?? 'http://127.0.0.1:9',
        session: source,
      });
      appStore.getState().resetSyncStatus();
      const engine = new SyncEngine({
        store: new LocalSyncStore(store),
        transport: http,
        status: statusSinkOf(appStore),
        attachments: new AttachmentUploader({ client: http, queue: createAttachmentQueue(store) }),
        settings: { localWriteDebounceMs: 1_000 },
      });
      const officer: SignedInOfficer = { ...account, isOfflineSignIn: login === null };
      void engine.start();
      return new DeskSession(store, engine, officer, options.serverUrl, keeper);
    } catch (error) {
      store.close();
      if (error instanceof SignInError) throw error;
      if (
        error instanceof LocalStoreError &&
        (error.code === 'profile_missing' || error.code === 'directory_missing')
      ) {
        throw new SignInError('first_sign_in_needs_server');
      }
      throw new SignInError('storage', error instanceof Error ? error.message : null);
    }
  }

  /** The desk calls this after every local write so the engine syncs shortly. */
  wrote(): void {
    this.engine.notifyLocalWrite();
  }

  readonly #pendingSaves = new Set<() => Promise<void>>();

  /**
   * A form with typing not saved yet (an autosave waiting for its delay) registers how to save
   * it now; signing out saves it before the store closes. Returns the unregistration.
   */
  holdPendingSave(save: () => Promise<void>): () => void {
    this.#pendingSaves.add(save);
    return () => this.#pendingSaves.delete(save);
  }

  async signOut(): Promise<void> {
    // What was typed since the last autosave is written first: closing the store under a save
    // on its way would lose it.
    await Promise.allSettled([...this.#pendingSaves].map((save) => save()));
    await this.engine.stop();
    this.store.close();
  }
}

/**
 * A second login, once the session source answers with `store`'s device id, so the tokens are
 * issued to the device the store's mutations carry. On failure the store is closed.
 */
async function signInAgainAs(store: UserStore, client: SyncHttpClient, username: string, password: string): Promise<LoginResponse> {
  try {
    return await client.login(username, password);
  } catch (error) {
    store.close();
    throw isUnreachable(error) ? new SignInError('first_sign_in_needs_server') : serverRefusal(error);
  }
}

/**
 * The server accepted a password the local store does not: rewrap the data key from the
 * previous password, or, when the officer chose it, delete the store and make a new one.
 */
async function reopenAfterServerChange(userId: string, options: SignInOptions, unsentCount: number | null): Promise<UserStore> {
  if (options.previousPassword !== undefined) {
    const store = await openStore(userId, options.previousPassword).catch((error: unknown) => {
      throw error instanceof SignInError && error.code === 'wrong_password'
        ? new SignInError('wrong_previous_password', null, unsentCount)
        : error;
    });
    try {
      await store.changePasswordWrap(options.previousPassword, options.password);
    } catch (error) {
      store.close();
      throw new SignInError('storage', error instanceof Error ? error.message : null);
    }
    return store;
  }
  if (options.discardLocalData === true) {
    try {
      await deleteUserStore(userId);
    } catch (error) {
      throw new SignInError('storage', error instanceof Error ? error.message : null);
    }
    return openStore(userId, options.password);
  }
  throw new SignInError('password_changed_on_server', null, unsentCount);
}

async function openStore(userId: string, password: string, deviceId?: string): Promise<UserStore> {
  try {
    return await openUserStore({ userId, password, ...(deviceId ? { deviceId } : {}) });
  } catch (error) {
    if (error instanceof LocalStoreError && error.code === 'wrong_password')
      throw new SignInError('wrong_password');
    throw new SignInError('storage', error instanceof Error ? error.message : null);
  }
}

function parseTokens(value: unknown): SessionTokens | null {
  const parsed = sessionTokensSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function serverRefusal(error: unknown): SignInError {
  if (error instanceof SyncHttpError) {
    if (error.code === 'invalid_credentials') return new SignInError('invalid_credentials');
    return new SignInError('server_refused', error.message);
  }
  return new SignInError('server_refused', error instanceof Error ? error.message : null);
}
