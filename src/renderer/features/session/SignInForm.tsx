// Sign-in: online the first time on a workstation, offline afterwards (desk-session.ts).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appStore } from '../../state/app-store';
import type { Platform } from '../../platform';
import { DeskSession, SignInError, type SignInOptions } from './desk-session';
import { PasswordRecovery } from './PasswordRecovery';
import { chooseTokenKeeper } from './token-keeper';
import { listAccounts } from './workstation-accounts';
import { sharedText } from '../../i18n/shared-text';

export interface SignInFormProps {
  serverUrl: string | null;
  /** Its vault keeps the session's tokens in Electron (token-keeper.ts). */
  platform: Platform;
  onSignedIn(session: DeskSession): void;
  /** When the desk is locked, the officer's username is fixed. */
  lockedUsername?: string;
}

export function SignInForm({ serverUrl, platform, onSignedIn, lockedUsername }: SignInFormProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const usernameId = useId();
  const passwordId = useId();
  const [isWorking, setIsWorking] = useState(false);
  const [message, setMessage] = useState('');
  /** Aborts the wait while the server is asked about a password the local data refused. */
  const [checking, setChecking] = useState<AbortController | null>(null);
  /** Set when the server took a new password the workstation's data is not locked with. */
  const [recovery, setRecovery] = useState<{ unsentCount: number | null } | null>(null);
  const known = listAccounts(window.localStorage);

  const describe = (error: unknown): string => {
    if (error instanceof SignInError) {
      // The server's and the local store's sentences are Indonesian: in the UI's language here.
      const detail = sharedText(i18n.language, error.serverMessage ?? '');
      switch (error.code) {
        case 'wrong_password':
          return t('signIn.errors.wrong_password');
        case 'password_not_checked':
          return t('signIn.errors.password_not_checked');
        case 'password_changed_on_server':
          return t('signIn.errors.password_changed_on_server');
        case 'wrong_previous_password':
          return t('signIn.errors.wrong_previous_password');
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
    return t('signIn.errors.storage', {
      message: sharedText(i18n.language, error instanceof Error ? error.message : String(error)),
    });
  };

  const signIn = (
    data: FormData,
    recoveryOptions: Pick<SignInOptions, 'previousPassword' | 'discardLocalData'>,
  ) => {
    const username = lockedUsername ?? String(data.get('username') ?? '');
    const password = String(data.get('password') ?? '');
    if (username.trim() === '' || password === '') {
      setMessage(t('signIn.errors.required'));
      return;
    }
    setIsWorking(true);
    setMessage(t('signIn.working'));
    const giveUp = new AbortController();
    chooseTokenKeeper(platform.vault, platform.kind === 'electron')
      .then((tokenKeeper) =>
        DeskSession.signIn({
          serverUrl,
          username,
          password,
          storage: window.localStorage,
          appStore,
          tokenKeeper,
          ...recoveryOptions,
          signal: giveUp.signal,
          onServerCheck: (isChecking) => {
            setChecking(isChecking ? giveUp : null);
            setMessage(t(isChecking ? 'signIn.checkingWithServer' : 'signIn.working'));
          },
        }),
      )
      .then(
        (session) => {
          setIsWorking(false);
          setMessage('');
          setRecovery(null);
          onSignedIn(session);
        },
        (error: unknown) => {
          setIsWorking(false);
          if (
            error instanceof SignInError &&
            (error.code === 'password_changed_on_server' || error.code === 'wrong_previous_password')
          )
            setRecovery({ unsentCount: error.unsentCount });
          else setRecovery(null);
          setMessage(describe(error));
          // The password field, where the officer goes on (the stop button has gone).
          if (
            error instanceof SignInError &&
            (error.code === 'wrong_password' || error.code === 'password_not_checked')
          )
            document.getElementById(passwordId)?.focus();
        },
      );
  };

  return (
    <form
      className="sign-in"
      aria-labelledby={titleId}
      // Not busy while it waits on the officer's choice to stop waiting: the status is read out.
      aria-busy={isWorking && checking === null}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const previous = recovery ? String(data.get('previousPassword') ?? '') : '';
        if (recovery && previous === '') {
          setMessage(t('signIn.recovery.previousRequired'));
          return;
        }
        signIn(data, previous === '' ? {} : { previousPassword: previous });
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
      {recovery === null ? (
        <button type="submit" className="button-primary" disabled={isWorking}>
          {t('signIn.submit')}
        </button>
      ) : (
        <PasswordRecovery
          unsentCount={recovery.unsentCount}
          isWorking={isWorking}
          onDiscard={(form) => signIn(new FormData(form), { discardLocalData: true })}
          onCancel={() => {
            setRecovery(null);
            setMessage('');
          }}
        />
      )}
      <p role="status" className="sign-in__status">
        {message}
      </p>
      {checking && (
        <button type="button" className="button-secondary" onClick={() => checking.abort()}>
          {t('signIn.stopChecking')}
        </button>
      )}
      {known.length > 0 && lockedUsername === undefined && (
        <p className="sign-in__known">
          {t('signIn.knownAccounts', { names: known.map((a) => a.username).join(', ') })}
        </p>
      )}
    </form>
  );
}
