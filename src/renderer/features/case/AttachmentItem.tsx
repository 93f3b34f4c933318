// One attachment: its name and size, and a preview of images whose bytes are on this workstation.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentMeta } from '../../../shared';
import { readAttachmentBytes } from '../../db';
import { useDesk } from '../session/desk-context';

export function AttachmentItem({ meta }: { meta: AttachmentMeta }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);

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
        {meta.isUploaded ? '' : ` · ${t('case.attachmentPending')}`}
      </span>
    </li>
  );
}
