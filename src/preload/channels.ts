// IPC channel names, shared by the preload (which invokes) and main (which handles). They live
// here rather than in main because the preload may not import main; main may import this.
// Every name is `feature:verb`, the feature being the bridge member that uses it.

export const IPC_CHANNELS = {
  app: { getInfo: 'app:getInfo' },
  vault: { status: 'vault:status', put: 'vault:put', get: 'vault:get', delete: 'vault:delete' },
  settings: { get: 'settings:get', set: 'settings:set' },
  files: { saveExport: 'files:saveExport' },
  print: { toPdf: 'print:toPdf' },
  status: {
    setUnsentCount: 'status:setUnsentCount',
    notifySyncFinished: 'status:notifySyncFinished',
    notifyOverdue: 'status:notifyOverdue',
  },
  shell: { openExternal: 'shell:openExternal' },
  log: { write: 'log:write' },
} as const;

type ChannelTree = typeof IPC_CHANNELS;
export type IpcChannel = {
  [F in keyof ChannelTree]: ChannelTree[F][keyof ChannelTree[F]];
}[keyof ChannelTree];
