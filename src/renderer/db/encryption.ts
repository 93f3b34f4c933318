/**
 * Encryption at rest for one user's local store (WebCrypto only; no Node).
 *
 * Keys: a random AES-GCM-256 data key seals personal fields, and a random HMAC-SHA-256 key
 * makes the keyed hashes used for duplicate lookup by NIK or phone. Both are wrapped with
 * AES-KW under a key-encryption key (KEK) derived from the user's password, so the store can
 * be opened offline at sign-in and a password change rewraps two small keys instead of
 * re-encrypting the data. After unwrapping, both keys are non-extractable.
 *
 * KDF: argon2id (hash-wasm, WASM, same code in Electron and in browsers). It is memory-hard,
 * which is what matters for the threat we defend against — a stolen or shared workstation
 * whose IndexedDB files are copied and attacked offline with GPUs; PBKDF2 is not memory-hard
 * and needs ≥ 600k iterations just to be tolerable. The parameters are stored with the
 * wrapped keys, so a later release can raise them (rewrap at the next sign-in).
 *
 * Sealing: every write gets a fresh 12-byte IV, and the additional data is
 * `${table}:${id}:${version}`, so a sealed value moved to another record, table or version
 * fails to open. The version is carried in the box (`v`) because acknowledgements change a
 * record's known server version without touching its sealed part.
 */
import { argon2id } from 'hash-wasm';
import { LocalStoreError } from './errors';

export interface KdfParams {
  algorithm: 'argon2id';
  /** Memory cost in KiB. */
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/**
 * RFC 9106's second recommended option (64 MiB, t=3) with p=1, because WASM runs one lane at a
 * time; about 0.3 s on a 2020 laptop, once per sign-in. OWASP's floor is 19 MiB, t=2.
 */
export const DEFAULT_KDF_PARAMS: KdfParams = { algorithm: 'argon2id', memoryKiB: 65_536, iterations: 3, parallelism: 1 };

export interface WrappedUserKeys {
  kdf: KdfParams;
  salt: Uint8Array<ArrayBuffer>;
  wrapping: 'AES-KW';
  /** The AES-GCM data key, wrapped (raw, 256 bits). */
  dataKey: Uint8Array<ArrayBuffer>;
  /** The HMAC-SHA-256 identity-hash key, wrapped (raw, 256 bits). */
  hashKey: Uint8Array<ArrayBuffer>;
  createdAt: string;
  rewrappedAt: string | null;
}

export interface UserKeys {
  dataKey: CryptoKey;
  hashKey: CryptoKey;
}

/** A sealed value as stored: `v` is the record version bound into the additional data. */
export interface SealedBox {
  v: number;
  iv: Uint8Array<ArrayBuffer>;
  ct: Uint8Array<ArrayBuffer>;
}

const subtle = () => globalThis.crypto.subtle;

/**
 * WebCrypto promises wrapped in the global Promise: inside a Dexie liveQuery (useLiveQuery),
 * Dexie's zone-aware Promise.resolve keeps the observation context across the await, so the
 * read helpers that decrypt stay live (dexie.org, useLiveQuery: "Rules for the querier").
 */
function zoned<T>(promise: Promise<T>): Promise<T> {
  return Promise.resolve(promise);
}
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

async function deriveKek(password: string, salt: Uint8Array<ArrayBuffer>, kdf: KdfParams): Promise<CryptoKey> {
  const raw = await argon2id({
    password,
    salt,
    iterations: kdf.iterations,
    memorySize: kdf.memoryKiB,
    parallelism: kdf.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
  return subtle().importKey('raw', new Uint8Array(raw), 'AES-KW', false, ['wrapKey', 'unwrapKey']);
}

async function wrapBoth(kek: CryptoKey, dataKey: CryptoKey, hashKey: CryptoKey) {
  return {
    dataKey: new Uint8Array(await subtle().wrapKey('raw', dataKey, kek, 'AES-KW')),
    hashKey: new Uint8Array(await subtle().wrapKey('raw', hashKey, kek, 'AES-KW')),
  };
}

async function unwrapBoth(kek: CryptoKey, wrapped: WrappedUserKeys, extractable: boolean): Promise<UserKeys> {
  try {
    const dataKey = await subtle().unwrapKey('raw', wrapped.dataKey, kek, 'AES-KW', { name: 'AES-GCM', length: 256 }, extractable, [
      'encrypt',
      'decrypt',
    ]);
    const hashKey = await subtle().unwrapKey('raw', wrapped.hashKey, kek, 'AES-KW', { name: 'HMAC', hash: 'SHA-256', length: 256 }, extractable, [
      'sign',
    ]);
    return { dataKey, hashKey };
  } catch (error) {
    // AES-KW carries its own integrity check: a wrong KEK fails here, before any data is read.
    throw new LocalStoreError('wrong_password', undefined, { cause: error });
  }
}

/** First use on this workstation: fresh random keys, wrapped under the password. */
export async function createUserKeys(
  password: string,
  kdf: KdfParams = DEFAULT_KDF_PARAMS,
  now: Date = new Date(),
): Promise<{ wrapped: WrappedUserKeys; keys: UserKeys }> {
  const salt = randomBytes(16);
  const kek = await deriveKek(password, salt, kdf);
  const dataKey = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const hashKey = await subtle().generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, true, ['sign']);
  const wrapped: WrappedUserKeys = {
    kdf,
    salt,
    wrapping: 'AES-KW',
    ...(await wrapBoth(kek, dataKey, hashKey)),
    createdAt: now.toISOString(),
    rewrappedAt: null,
  };
  // Use the keys as every later sign-in will have them: unwrapped, non-extractable.
  return { wrapped, keys: await unwrapBoth(kek, wrapped, false) };
}

export async function unwrapUserKeys(password: string, wrapped: WrappedUserKeys): Promise<UserKeys> {
  return unwrapBoth(await deriveKek(password, wrapped.salt, wrapped.kdf), wrapped, false);
}

/**
 * The same keys wrapped under a new password (and, optionally, stronger KDF parameters). The
 * keys are extractable only inside this function, for the moment it takes to rewrap them.
 */
export async function rewrapUserKeys(
  oldPassword: string,
  newPassword: string,
  wrapped: WrappedUserKeys,
  kdf: KdfParams = wrapped.kdf,
  now: Date = new Date(),
): Promise<WrappedUserKeys> {
  const transient = await unwrapBoth(await deriveKek(oldPassword, wrapped.salt, wrapped.kdf), wrapped, true);
  const salt = randomBytes(16);
  const kek = await deriveKek(newPassword, salt, kdf);
  return {
    kdf,
    salt,
    wrapping: 'AES-KW',
    ...(await wrapBoth(kek, transient.dataKey, transient.hashKey)),
    createdAt: wrapped.createdAt,
    rewrappedAt: now.toISOString(),
  };
}

export function sealingContext(table: string, id: string, version: number): string {
  return `${table}:${id}:${version}`;
}

/** Seals raw bytes (file pieces); `sealValue` seals JSON values through it. */
export async function sealBytes(key: CryptoKey, table: string, id: string, version: number, bytes: Uint8Array<ArrayBuffer>): Promise<SealedBox> {
  const iv = randomBytes(12);
  const ct = await zoned(subtle().encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(sealingContext(table, id, version)) }, key, bytes));
  return { v: version, iv, ct: new Uint8Array(ct) };
}

export async function openBytes(key: CryptoKey, table: string, id: string, box: SealedBox): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return new Uint8Array(
      await zoned(subtle().decrypt({ name: 'AES-GCM', iv: box.iv, additionalData: encoder.encode(sealingContext(table, id, box.v)) }, key, box.ct)),
    );
  } catch (error) {
    throw new LocalStoreError('decrypt_failed', undefined, { cause: error });
  }
}

export function sealValue(key: CryptoKey, table: string, id: string, version: number, value: unknown): Promise<SealedBox> {
  return sealBytes(key, table, id, version, encoder.encode(JSON.stringify(value)));
}

export async function openValue(key: CryptoKey, table: string, id: string, box: SealedBox): Promise<unknown> {
  return JSON.parse(decoder.decode(await openBytes(key, table, id, box))) as unknown;
}

export type IdentityKind = 'nik' | 'phone';

/** HMAC-SHA-256 of `kind:value`, base64url: equal inputs match, the value cannot be read back. */
export async function keyedHash(hashKey: CryptoKey, kind: IdentityKind, value: string): Promise<string> {
  const mac = new Uint8Array(await zoned(subtle().sign('HMAC', hashKey, encoder.encode(`${kind}:${value}`))));
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
