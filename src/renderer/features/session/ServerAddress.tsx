// Changing the central server's address on the sign-in screen (the footer shows the current
// one), through the platform's settings: the desktop app's settings file, or the browser's
// storage.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../platform';
import { checkServerAddress } from './server-address';

export function ServerAddress({
  platform,
  serverUrl,
  onChanged,
}: {
  platform: Platform;
  serverUrl: string | null;
  onChanged(serverUrl: string): void;
}) {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const errorId = useId();
  const [isEditing, setIsEditing] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = String(new FormData(event.currentTarget).get('serverUrl') ?? '');
    const checked = checkServerAddress(input, i18n.language);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    setIsSaving(true);
    setError('');
    platform.settings
      .set({ serverUrl: checked.serverUrl })
      .then(
        (saved) => {
          setIsEditing(false);
          setMessage(t('serverAddress.saved'));
          if (saved.serverUrl !== null) onChanged(saved.serverUrl);
        },
        (failure: unknown) => {
          console.warn('Tindak: the server address was not saved', failure);
          setError(t('serverAddress.saveFailed'));
        },
      )
      .finally(() => setIsSaving(false));
  };

  if (!isEditing) {
    return (
      <div className="server-address">
        <p>
          <button
            type="button"
            className="button-link"
            onClick={() => {
              setMessage('');
              setIsEditing(true);
            }}
          >
            {t('serverAddress.change')}
          </button>
        </p>
        <p role="status">{message}</p>
      </div>
    );
  }

  return (
    <form className="server-address" onSubmit={submit} aria-label={t('serverAddress.title')} noValidate>
      <div className="field">
        <label htmlFor={inputId}>{t('serverAddress.label')}</label>
        <input
          id={inputId}
          name="serverUrl"
          type="url"
          inputMode="url"
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={serverUrl ?? 'https://'}
          aria-invalid={error !== ''}
          aria-describedby={error ? errorId : undefined}
        />
      </div>
      {error && (
        <p id={errorId} role="alert" className="error">
          {error}
        </p>
      )}
      <div className="action-form__buttons">
        <button type="submit" className="button-primary" disabled={isSaving}>
          {t('serverAddress.save')}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            setError('');
            setIsEditing(false);
          }}
        >
          {t('actions.cancel')}
        </button>
      </div>
    </form>
  );
}
