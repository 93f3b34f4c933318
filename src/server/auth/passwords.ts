/**
 * Password hashing with argon2id (hash-wasm: WebAssembly, so no native build step on a fresh
 * machine). Parameters follow OWASP's argon2id minimum (19 MiB, 2 passes); the encoded hash
 * carries them, so they can be raised later without breaking stored hashes.
 */
import { argon2id, argon2Verify } from 'hash-wasm';
import { randomBytes } from 'node:crypto';

export const ARGON2_PARAMS = { memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32 } as const;

export interface Argon2Params {
  memorySize: number;
  iterations: number;
  parallelism: number;
  hashLength: number;
}

export async function hashPassword(password: string, params: Partial<Argon2Params> = {}): Promise<string> {
  return argon2id({ ...ARGON2_PARAMS, ...params, password, salt: randomBytes(16), outputType: 'encoded' });
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash: encoded });
  } catch {
    return false;
  }
}
