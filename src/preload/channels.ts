// IPC channel names, shared by the preload (which invokes) and main (which handles). They live
// here rather than in main because the preload may not import main; main may import this.

export const IPC_CHANNELS = {
  app: {
    getInfo: 'app:getInfo',
  },
} as const;
