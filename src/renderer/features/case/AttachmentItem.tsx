// One attachment: its name and size, a preview of images whose bytes are on this workstation,
// and, when the server refused the upload for good, its reason and a way to send it again.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readAttachmentBytes, retryAttachmentUpload, type LocalAttachment } from '../../db';
import { actionErrorText } from '../action-errors';
import { useDesk } from '../session/desk-context';

export function AttachmentItem({ meta }: { meta: LocalAttachment }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState('');

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
        <span className="attachment__failure" role="alert">
          {t('case.attachmentRefused', { message: meta.uploadFailure.message })}{' '}
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setProblem('');
              retryAttachmentUpload(desk.store, meta.id).then(
                () => desk.wrote(),
                (error: unknown) => setProblem(actionErrorText(error)),
              );
            }}
          >
            {t('case.attachmentRetry')}
          </button>
          {problem && <span> {problem}</span>}
        </span>
      )}
    </li>
  );
}
