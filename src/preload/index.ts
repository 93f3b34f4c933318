// Runs sandboxed before the renderer: builds the typed bridge and exposes it as
// `window.tindak`. Each member wraps one ipcRenderer.invoke so the renderer can never reach
// ipcRenderer itself, nor pick a channel or pass extra arguments.
import { contextBridge, ipcRenderer } from 'electron';
import type { AppInfo, TindakBridge } from './api';
import { IPC_CHANNELS } from './channels';

const bridge: TindakBridge = {
  kind: 'electron',
  app: {
    getInfo: (): Promise<AppInfo> => ipcRenderer.invoke(IPC_CHANNELS.app.getInfo),
  },
};

contextBridge.exposeInMainWorld('tindak', bridge);
