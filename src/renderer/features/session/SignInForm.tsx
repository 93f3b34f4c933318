// Sign-in: online the first time on a workstation, offline afterwards (desk-session.ts).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appStore } from '../../state/app-store';
import { DeskSession, SignInError } from './desk-session';
import { listAccounts } from './workstation-accounts';

export interface SignInFormProps {
  serverUrl: string | null;
  onSignedIn(session: DeskSession): void;
  /** When the desk is locked, the officer's username is fixed. */
  lockedUsername?: string;
}

export function SignInForm({ serverUrl, onSignedIn, lockedUsername }: SignInFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const usernameId = useId();
  const passwordId = useId();
  const [isWorking, setIsWorking] = useState(false);
  const [message, setMessage] = useState('');
  const known = listAccounts(window.localStorage);

  const describe = (error: unknown): string => {
    if (error instanceof SignInError) {
      const detail = error.serverMessage ?? '';
      switch (error.code) {
        case 'wrong_password':
          return t('signIn.errors.wrong_password');
        case 'invalid_credentials':
          return t('signIn.errors.invalid_credentials');
        case 'first_sign_in_needs_server':
          return t('signIn.errors.first_sign_in_needs_server');
        case 'no_server':
          return t('signIn.errors.no_server');
        case 'server_refused':
          return t('signIn.errors.server_refused', { message: detail });
        case 'storage':
          return t('signIn.errors.storage', { message: detail });
      }
    }
    return t('signIn.errors.storage', { message: error instanceof Error ? error.message : String(error) });
  };

  return (
    <form
      className="sign-in"
      aria-labelledby={titleId}
      aria-busy={isWorking}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const username = lockedUsername ?? String(data.get('username') ?? '');
        const password = String(data.get('password') ?? '');
        if (username.trim() === '' || password === '') {
          setMessage(t('signIn.errors.required'));
          return;
        }
        setIsWorking(true);
        setMessage(t('signIn.working'));
        DeskSession.signIn({ serverUrl, username, password, storage: window.localStorage, appStore }).then(
          (session) => {
            setIsWorking(false);
            setMessage('');
            onSignedIn(session);
          },
          (error: unknown) => {
            setIsWorking(false);
            setMessage(describe(error));
          },
        );
      }}
    >
      <h2 id={titleId}>{t('signIn.title')}</h2>
      <div className="field">
        <label htmlFor={usernameId}>{t('signIn.username')}</label>
        <input
          id={usernameId}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          readOnly={lockedUsername !== undefined}
          defaultValue={lockedUsername}
        />
      </div>
      <div className="field">
        <label htmlFor={passwordId}>{t('signIn.password')}</label>
        <input id={passwordId} name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className="button-primary" disabled={isWorking}>
        {t('signIn.submit')}
      </button>
      <p role="status" className="sign-in__status">
        {message}
      </p>
      {known.length > 0 && lockedUsername === undefined && (
        <p className="sign-in__known">
          {t('signIn.knownAccounts', { names: known.map((a) => a.username).join(', ') })}
        </p>
      )}
    </form>
  );
}
