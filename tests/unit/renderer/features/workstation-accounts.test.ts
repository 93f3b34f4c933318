import { describe, expect, it } from 'vitest';
import {
  findAccount,
  listAccounts,
  rememberAccount,
  type KeyValueStorage,
} from '../../../../src/renderer/features/session/workstation-accounts';
import { PEOPLE } from '../../../helpers/org-fixture';

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage {
  const values = new Map(Object.entries(initial));
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

const field = {
  username: 'FieldA1 ',
  userId: PEOPLE.fieldA1.id,
  displayName: 'Field A1',
  role: 'field_worker' as const,
  unitId: PEOPLE.fieldA1.unitId,
};
const liaison = {
  username: 'liaisonb',
  userId: PEOPLE.liaisonB.id,
  displayName: 'Liaison B',
  role: 'liaison' as const,
  unitId: PEOPLE.liaisonB.unitId,
};

describe('officers known on a workstation', () => {
  it('remembers each officer once, by normalised username, for offline sign-in', () => {
    const storage = memoryStorage();
    rememberAccount(storage, field);
    rememberAccount(storage, liaison);
    rememberAccount(storage, { ...field, displayName: 'Field A1 (baru)' });
    expect(listAccounts(storage).map((a) => [a.username, a.displayName])).toEqual([
      ['liaisonb', 'Liaison B'],
      ['fielda1', 'Field A1 (baru)'],
    ]);
    expect(findAccount(storage, '  FIELDA1')?.userId).toBe(PEOPLE.fieldA1.id);
    expect(findAccount(storage, 'nobody')).toBeUndefined();
  });

  it('treats a damaged list as empty rather than failing the sign-in screen', () => {
    expect(listAccounts(memoryStorage({ 'tindak.workstationAccounts': '{not json' }))).toEqual([]);
    expect(listAccounts(memoryStorage({ 'tindak.workstationAccounts': '[{"username":"x"}]' }))).toEqual([]);
  });
});
