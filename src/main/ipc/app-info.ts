// IPC for the `app` feature of the bridge (src/preload/api.ts).
import type { AppInfo } from '../../preload/api';
import { IPC_CHANNELS } from '../../preload/channels';
import { handleFromApp, type IpcHandlerRegistry, type TrustedSenderCheck } from './handle';

export interface AppIpcDeps {
  readonly getInfo: () => AppInfo;
  readonly isTrustedSender: TrustedSenderCheck;
}

export function registerAppIpc(ipc: IpcHandlerRegistry, { getInfo, isTrustedSender }: AppIpcDeps): void {
  handleFromApp(ipc, IPC_CHANNELS.app.getInfo, isTrustedSender, getInfo);
}
