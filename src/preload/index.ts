// Runs sandboxed before the renderer: builds the typed bridge and exposes it as
// `window.tindak`. Each member wraps one ipcRenderer.invoke on a fixed channel with fixed
// arguments, so the renderer can never reach ipcRenderer itself, pick a channel or pass extras.
// Arguments are validated in main, not here: the preload is the renderer's side of the wall.
import { contextBridge, ipcRenderer } from 'electron';
import type { TindakBridge } from './api';
import { IPC_CHANNELS as C } from './channels';

const bridge: TindakBridge = {
  kind: 'electron',
  app: {
    getInfo: () => ipcRenderer.invoke(C.app.getInfo),
  },
  vault: {
    status: () => ipcRenderer.invoke(C.vault.status),
    put: (ref, value) => ipcRenderer.invoke(C.vault.put, ref, value),
    get: (ref) => ipcRenderer.invoke(C.vault.get, ref),
    delete: (ref) => ipcRenderer.invoke(C.vault.delete, ref),
  },
  settings: {
    get: () => ipcRenderer.invoke(C.settings.get),
    set: (settings) => ipcRenderer.invoke(C.settings.set, settings),
  },
  files: {
    saveExport: (request) => ipcRenderer.invoke(C.files.saveExport, request),
  },
  print: {
    toPdf: (document) => ipcRenderer.invoke(C.print.toPdf, document),
  },
  status: {
    setUnsentCount: (count, language) => ipcRenderer.invoke(C.status.setUnsentCount, count, language),
    notifySyncFinished: (event) => ipcRenderer.invoke(C.status.notifySyncFinished, event),
    notifyOverdue: (notice) => ipcRenderer.invoke(C.status.notifyOverdue, notice),
  },
  shell: {
    openExternal: (url) => ipcRenderer.invoke(C.shell.openExternal, url),
  },
  log: {
    write: (entry) => ipcRenderer.invoke(C.log.write, entry),
  },
};

contextBridge.exposeInMainWorld('tindak', bridge);
