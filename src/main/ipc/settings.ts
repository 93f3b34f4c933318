// IPC for the `settings` feature (src/main/settings/settings-store.ts).
import { IPC_CHANNELS } from '../../preload/channels';
import { settingsSchema } from '../../preload/schemas';
import type { SettingsStore } from '../settings/settings-store';
import { handleFromApp, type IpcContext } from './handle';

export function registerSettingsIpc(context: IpcContext, store: SettingsStore): void {
  handleFromApp(context, IPC_CHANNELS.settings.get, [], () => store.get());
  handleFromApp(context, IPC_CHANNELS.settings.set, [settingsSchema], (settings) => store.set(settings));
}
