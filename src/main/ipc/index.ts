// Registers every IPC feature at once, so startup and the tests see the same set of channels.
import type { AppInfo } from '../../preload/api';
import type { SecretVault } from '../vault/secret-vault';
import type { SettingsStore } from '../settings/settings-store';
import { registerAppIpc } from './app-info';
import { registerFilesIpc, type FilesIpcDeps } from './files';
import type { IpcContext } from './handle';
import { registerSettingsIpc } from './settings';
import { registerStatusIpc, type StatusIpcDeps } from './status';
import { registerVaultIpc } from './vault';

export interface IpcDeps extends FilesIpcDeps, StatusIpcDeps {
  readonly getInfo: () => AppInfo;
  readonly vault: SecretVault;
  readonly settings: SettingsStore;
}

export function registerIpc(context: IpcContext, deps: IpcDeps): void {
  registerAppIpc(context, deps.getInfo);
  registerVaultIpc(context, deps.vault);
  registerSettingsIpc(context, deps.settings);
  registerFilesIpc(context, deps);
  registerStatusIpc(context, deps);
}
