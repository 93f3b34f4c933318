/**
 * Officers who have signed in on this workstation before: username → user id (and the name
 * and role shown on the sign-in screen). Needed for offline sign-in, where the server cannot
 * say whose store a username opens. Holds no secret: the password check is the store's own
 * key unwrapping, and each officer's data stays in their own encrypted database.
 */
import { z } from 'zod';
import { idSchema, roleSchema } from '../../../shared';

export const workstationAccountSchema = z.object({
  username: z.string().min(1),
  userId: idSchema,
  displayName: z.string(),
  role: roleSchema,
  unitId: idSchema,
});
export type WorkstationAccount = z.infer<typeof workstationAccountSchema>;

const STORAGE_KEY = 'tindak.workstationAccounts';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function listAccounts(storage: KeyValueStorage): WorkstationAccount[] {
  const raw = storage.getItem(STORAGE_KEY);
  if (!raw) return [];
  try {
    const parsed = z.array(workstationAccountSchema).safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function findAccount(storage: KeyValueStorage, username: string): WorkstationAccount | undefined {
  const wanted = normalizeUsername(username);
  return listAccounts(storage).find((account) => account.username === wanted);
}

export function rememberAccount(storage: KeyValueStorage, account: WorkstationAccount): void {
  const others = listAccounts(storage).filter(
    (a) => a.userId !== account.userId && a.username !== account.username,
  );
  storage.setItem(
    STORAGE_KEY,
    JSON.stringify([...others, { ...account, username: normalizeUsername(account.username) }]),
  );
}
