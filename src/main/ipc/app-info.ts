// IPC for the `app` feature of the bridge (src/preload/api.ts).
import type { AppInfo } from '../../preload/api';
import { IPC_CHANNELS } from '../../preload/channels';
import { handleFromApp, type IpcContext } from './handle';

export function registerAppIpc(context: IpcContext, getInfo: () => AppInfo): void {
  handleFromApp(context, IPC_CHANNELS.app.getInfo, [], getInfo);
}
