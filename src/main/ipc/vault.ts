// IPC for the `vault` feature: the secret vault (src/main/vault/secret-vault.ts).
import { IPC_CHANNELS } from '../../preload/channels';
import { secretRefSchema, secretValueSchema } from '../../preload/schemas';
import type { SecretVault } from '../vault/secret-vault';
import { handleFromApp, type IpcContext } from './handle';

export function registerVaultIpc(context: IpcContext, vault: SecretVault): void {
  const channels = IPC_CHANNELS.vault;
  handleFromApp(context, channels.status, [], () => vault.status());
  handleFromApp(context, channels.put, [secretRefSchema, secretValueSchema], (ref, value) =>
    vault.put(ref, value),
  );
  handleFromApp(context, channels.get, [secretRefSchema], (ref) => vault.get(ref));
  handleFromApp(context, channels.delete, [secretRefSchema], (ref) => vault.delete(ref));
}
