// The one way main registers IPC handlers: every invoke is checked to come from the app's own
// page, and its arguments are parsed with zod (exactly as many as the handler declares),
// before the handler runs. The narrow interfaces below are what Electron's ipcMain and its
// invoke events provide, so tests pass plain fakes without casting.
import type { z } from 'zod';
import type { IpcChannel } from '../../preload/channels';

export interface InvokeEventLike {
  /** The frame that sent the message; null once that frame is gone. */
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcHandlerRegistry {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
}

export type TrustedSenderCheck = (senderUrl: string) => boolean;

type ParsedArgs<S extends readonly z.ZodType[]> = { [K in keyof S]: z.output<S[K]> };

/** Raised to the renderer when a request is refused; the message names the channel, never the data. */
export class IpcRefusal extends Error {
  constructor(
    readonly channel: string,
    reason: string,
  ) {
    super(`IPC ${channel} refused: ${reason}`);
    this.name = 'IpcRefusal';
  }
}

export interface IpcContext {
  readonly ipc: IpcHandlerRegistry;
  readonly isTrustedSender: TrustedSenderCheck;
  /** Told of every refusal (for the log): a foreign sender is a security event, not noise. */
  readonly onRefused?: (refusal: IpcRefusal) => void;
}

export function handleFromApp<const S extends readonly z.ZodType[], T>(
  { ipc, isTrustedSender, onRefused }: IpcContext,
  channel: IpcChannel,
  argSchemas: S,
  handler: (...args: ParsedArgs<S>) => T | Promise<T>,
): void {
  const refusal = (reason: string): IpcRefusal => {
    const error = new IpcRefusal(channel, reason);
    onRefused?.(error);
    return error;
  };
  ipc.handle(channel, (event, ...args) => {
    const senderUrl = event.senderFrame?.url;
    if (senderUrl === undefined || !isTrustedSender(senderUrl)) {
      throw refusal('the request did not come from the Tindak window.');
    }
    if (args.length !== argSchemas.length) {
      throw refusal(`expected ${argSchemas.length} argument(s), got ${args.length}.`);
    }
    const parsed: unknown[] = [];
    for (const [index, schema] of argSchemas.entries()) {
      const result = schema.safeParse(args[index]);
      if (!result.success) {
        // The issue paths say which field was wrong; the values themselves stay out of the
        // message, since they may be personal data.
        const fields = result.error.issues.map((issue) => issue.path.join('.') || '(value)').join(', ');
        throw refusal(`argument ${index + 1} is not valid (${fields}).`);
      }
      parsed.push(result.data);
    }
    return handler(...(parsed as ParsedArgs<S>));
  });
}
