// One attachment: its name and size, a preview of images whose bytes are on this workstation,
// and, when the server refused the upload for good, its reason and a way to send it again.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  discardRefusedAttachment,
  readAttachmentBytes,
  retryAttachmentUpload,
  type LocalAttachment,
} from '../../db';
import { actionErrorText } from '../action-errors';
import { useDesk } from '../session/desk-context';
import { sharedText } from '../../i18n/shared-text';

export function AttachmentItem({ meta }: { meta: LocalAttachment }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const [isWorking, setIsWorking] = useState(false);
  const [isConfirmingDiscard, setIsConfirmingDiscard] = useState(false);
  const act = (work: () => Promise<void>) => {
    setProblem('');
    setIsWorking(true);
    work().then(
      () => {
        setIsWorking(false);
        setIsConfirmingDiscard(false);
        desk.wrote();
      },
      (error: unknown) => {
        setIsWorking(false);
        setProblem(actionErrorText(error, i18n.language));
      },
    );
  };

  useEffect(() => {
    if (!meta.mimeType.startsWith('image/')) return;
    let isCurrent = true;
    let url: string | null = null;
    readAttachmentBytes(desk.store, meta.id).then(
      (bytes) => {
        if (!isCurrent || !bytes) return;
        url = URL.createObjectURL(new Blob([bytes], { type: meta.mimeType }));
        setPreviewUrl(url);
      },
      () => undefined,
    );
    return () => {
      isCurrent = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [desk, meta.id, meta.mimeType]);

  return (
    <li className="attachment">
      {previewUrl && (
        <img
          className="attachment__preview"
          src={previewUrl}
          alt={t('case.attachmentPreview', { name: meta.fileName })}
        />
      )}
      <span>
        {meta.fileName} ({Math.ceil(meta.size / 1024)} KB)
        {meta.isUploaded || meta.uploadFailure ? '' : ` · ${t('case.attachmentPending')}`}
      </span>
      {meta.uploadFailure && !meta.isUploaded && (
        <div className="attachment__failure">
          <p>
            {t('case.attachmentRefused', {
              message: sharedText(i18n.language, meta.uploadFailure.message, meta.uploadFailure.code),
            })}
          </p>
          {isConfirmingDiscard ? (
            <p>
              {t('case.attachmentDiscardConfirm')}{' '}
              <button
                type="button"
                className="button-secondary"
                disabled={isWorking}
                onClick={() => act(() => discardRefusedAttachment(desk.store, meta.id))}
              >
                {t('case.attachmentDiscardYes')}
              </button>{' '}
              <button
                type="button"
                className="button-secondary"
                disabled={isWorking}
                onClick={() => setIsConfirmingDiscard(false)}
              >
                {t('case.attachmentDiscardNo')}
              </button>
            </p>
          ) : (
            <p>
              <button
                type="button"
                className="button-secondary"
                disabled={isWorking}
                aria-label={t('case.attachmentRetryNamed', { name: meta.fileName })}
                onClick={() => act(() => retryAttachmentUpload(desk.store, meta.id))}
              >
                {t('case.attachmentRetry')}
              </button>{' '}
              <button
                type="button"
                className="button-secondary"
                disabled={isWorking}
                aria-label={t('case.attachmentDiscardNamed', { name: meta.fileName })}
                onClick={() => setIsConfirmingDiscard(true)}
              >
                {t('case.attachmentDiscard')}
              </button>
            </p>
          )}
          {problem && <p role="alert">{problem}</p>}
        </div>
      )}
    </li>
  );
}
