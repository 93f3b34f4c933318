// Sign-in: online the first time on a workstation, offline afterwards (desk-session.ts).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appStore } from '../../state/app-store';
import type { Platform } from '../../platform';
import { DeskSession, SignInError, type SignInOptions } from './desk-session';
import { chooseTokenKeeper } from './token-keeper';
import { listAccounts } from './workstation-accounts';

export interface SignInFormProps {
  serverUrl: string | null;
  /** Its vault keeps the session's tokens in Electron (token-keeper.ts). */
  platform: Platform;
  onSignedIn(session: DeskSession): void;
  /** When the desk is locked, the officer's username is fixed. */
  lockedUsername?: string;
}

export function SignInForm({ serverUrl, platform, onSignedIn, lockedUsername }: SignInFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const usernameId = useId();
  const passwordId = useId();
  const [isWorking, setIsWorking] = useState(false);
  const [message, setMessage] = useState('');
  /** Set when the server took a new password the workstation's data is not locked with. */
  const [recovery, setRecovery] = useState<{ unsentCount: number } | null>(null);
  const [isLossConfirmed, setIsLossConfirmed] = useState(false);
  const previousPasswordId = useId();
  const recoveryTitleId = useId();
  const known = listAccounts(window.localStorage);

  const describe = (error: unknown): string => {
    if (error instanceof SignInError) {
      const detail = error.serverMessage ?? '';
      switch (error.code) {
        case 'wrong_password':
          return t('signIn.errors.wrong_password');
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
    return t('signIn.errors.storage', { message: error instanceof Error ? error.message : String(error) });
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
            setRecovery({ unsentCount: error.unsentCount ?? 0 });
          else setRecovery(null);
          setMessage(describe(error));
        },
      );
  };

  return (
    <form
      className="sign-in"
      aria-labelledby={titleId}
      aria-busy={isWorking}
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
        <section className="sign-in__recovery" aria-labelledby={recoveryTitleId}>
          <h3 id={recoveryTitleId}>{t('signIn.recovery.title')}</h3>
          <p>{t('signIn.recovery.explain')}</p>
          <div className="field">
            <label htmlFor={previousPasswordId}>{t('signIn.recovery.previousPassword')}</label>
            <input
              id={previousPasswordId}
              name="previousPassword"
              type="password"
              autoComplete="off"
              autoFocus
            />
          </div>
          <button type="submit" className="button-primary" disabled={isWorking}>
            {t('signIn.recovery.unlockWithPrevious')}
          </button>
          <details className="sign-in__forgot">
            <summary>{t('signIn.recovery.forgot')}</summary>
            <p data-testid="recovery-unsent">
              {recovery.unsentCount === 0
                ? t('signIn.recovery.nothingUnsent')
                : t('signIn.recovery.unsentWillBeLost', { count: recovery.unsentCount })}
            </p>
            {recovery.unsentCount > 0 && (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={isLossConfirmed}
                  onChange={(event) => setIsLossConfirmed(event.currentTarget.checked)}
                />
                {t('signIn.recovery.confirmLoss', { count: recovery.unsentCount })}
              </label>
            )}
            <button
              type="button"
              className="button-danger"
              disabled={isWorking || (recovery.unsentCount > 0 && !isLossConfirmed)}
              onClick={(event) => {
                const form = event.currentTarget.form;
                if (form) signIn(new FormData(form), { discardLocalData: true });
              }}
            >
              {t('signIn.recovery.discard')}
            </button>
          </details>
          <button
            type="button"
            className="button-link"
            onClick={() => {
              setRecovery(null);
              setIsLossConfirmed(false);
              setMessage('');
            }}
          >
            {t('signIn.recovery.cancel')}
          </button>
        </section>
      )}
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
