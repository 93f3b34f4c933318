// The one way main registers IPC handlers: every invoke is checked to come from the app's own
// page before its handler runs. The narrow interfaces below are what Electron's ipcMain and
// its invoke events provide, so tests pass plain fakes without casting.

export interface InvokeEventLike {
  /** The frame that sent the message; null once that frame is gone. */
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcHandlerRegistry {
  handle(channel: string, listener: (event: InvokeEventLike) => unknown): void;
}

export type TrustedSenderCheck = (senderUrl: string) => boolean;

export function handleFromApp<T>(
  ipc: IpcHandlerRegistry,
  channel: string,
  isTrustedSender: TrustedSenderCheck,
  handler: () => T | Promise<T>,
): void {
  ipc.handle(channel, (event) => {
    const senderUrl = event.senderFrame?.url;
    if (senderUrl === undefined || !isTrustedSender(senderUrl)) {
      throw new Error(`IPC ${channel} refused: the request did not come from the Tindak window.`);
    }
    return handler();
  });
}
