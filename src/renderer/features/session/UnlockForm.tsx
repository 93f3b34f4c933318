// Unlocking the desk after inactivity: the password must unwrap the officer's keys again.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalStoreError, openUserStore } from '../../db';
import { useDesk } from './desk-context';

export function UnlockForm({ onUnlocked }: { onUnlocked(): void }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const passwordId = useId();
  const [message, setMessage] = useState('');
  const [isWorking, setIsWorking] = useState(false);
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
                : String(error),
            );
          },
        );
      }}
    >
      <p>{t('desk.locked')}</p>
      <div className="field">
        <label htmlFor={passwordId}>{t('signIn.password')}</label>
        <input id={passwordId} name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className="button-primary" disabled={isWorking}>
        {t('desk.unlock')}
      </button>
      <p role="status" className="sign-in__status">
        {message}
      </p>
    </form>
  );
}
