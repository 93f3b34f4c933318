// Unlocking the desk after inactivity: the password must unwrap the officer's keys again.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalStoreError, openUserStore } from '../../db';
import { sharedText } from '../../i18n/shared-text';
import { useDesk } from './desk-context';

export function UnlockForm({ onUnlocked }: { onUnlocked(): void }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const passwordId = useId();
  const [message, setMessage] = useState('');
  const [isWorking, setIsWorking] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  // The desk just locked: the password field is where the officer continues.
  useEffect(() => passwordRef.current?.focus(), []);
  return (
    <form
      className="sign-in"
      aria-label={t('desk.unlock')}
      onSubmit={(event) => {
        event.preventDefault();
        const password = String(new FormData(event.currentTarget).get('password') ?? '');
        setIsWorking(true);
        openUserStore({ userId: desk.store.userId, password }).then(
          (check) => {
            check.close();
            setIsWorking(false);
            onUnlocked();
          },
          (error: unknown) => {
            setIsWorking(false);
            setMessage(
              error instanceof LocalStoreError && error.code === 'wrong_password'
                ? t('signIn.errors.wrong_password')
                : t('signIn.errors.storage', {
                    message: sharedText(
                      i18n.language,
                      error instanceof Error ? error.message : String(error),
                    ),
                  }),
            );
            passwordRef.current?.focus();
          },
        );
      }}
    >
      <p>{t('desk.locked')}</p>
      <div className="field">
        <label htmlFor={passwordId}>{t('signIn.password')}</label>
        <input
          ref={passwordRef}
          id={passwordId}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      <button type="submit" className="button-primary" disabled={isWorking}>
        {t('desk.unlock')}
      </button>
      {message && (
        <p role="alert" className="sign-in__status">
          {message}
        </p>
      )}
    </form>
  );
}
