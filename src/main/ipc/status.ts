// IPC for the `status`, `shell` and `log` features: small notices from the renderer to the shell.
import { IPC_CHANNELS } from '../../preload/channels';
import {
  EXTERNAL_LINK_REFUSED,
  externalUrlSchema,
  logEntrySchema,
  overdueNoticeSchema,
  syncFinishedSchema,
  uiLanguageSchema,
  unsentCountSchema,
  type OpenExternalResult,
} from '../../preload/schemas';
import type { ExternalLinkOpener } from '../external-links';
import type { Logger } from '../logging/log-file';
import type { DeskStatus } from '../status/desk-status';
import { handleFromApp, type IpcContext } from './handle';

export interface StatusIpcDeps {
  readonly status: DeskStatus;
  readonly openExternalLink: ExternalLinkOpener;
  readonly logger: Logger;
}

export function registerStatusIpc(
  context: IpcContext,
  { status, openExternalLink, logger }: StatusIpcDeps,
): void {
  handleFromApp(context, IPC_CHANNELS.status.setUnsentCount, [unsentCountSchema, uiLanguageSchema], (count, language) =>
    status.setUnsentCount(count, language),
  );
  handleFromApp(context, IPC_CHANNELS.status.notifySyncFinished, [syncFinishedSchema], (event) =>
    status.notifySyncFinished(event),
  );
  handleFromApp(context, IPC_CHANNELS.status.notifyOverdue, [overdueNoticeSchema], (notice) =>
    status.notifyOverdue(notice),
  );
  handleFromApp(
    context,
    IPC_CHANNELS.shell.openExternal,
    [externalUrlSchema],
    async (url): Promise<OpenExternalResult> =>
      (await openExternalLink(url)) ? { opened: true } : { opened: false, message: EXTERNAL_LINK_REFUSED },
  );
  handleFromApp(context, IPC_CHANNELS.log.write, [logEntrySchema], (entry) =>
    logger.log(entry.level, `renderer: ${entry.message}`, entry.details),
  );
}
