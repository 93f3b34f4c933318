// Placeholder sign-in form: the fields and labels are final, the session is not built yet,
// so submitting explains that instead of doing nothing.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function SignInForm() {
  const { t } = useTranslation();
  const titleId = useId();
  const usernameId = useId();
  const passwordId = useId();
  const [isNotAvailableShown, setIsNotAvailableShown] = useState(false);

  return (
    <form
      className="sign-in"
      aria-labelledby={titleId}
      onSubmit={(event) => {
        event.preventDefault();
        setIsNotAvailableShown(true);
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
        />
      </div>
      <div className="field">
        <label htmlFor={passwordId}>{t('signIn.password')}</label>
        <input id={passwordId} name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className="button-primary">
        {t('signIn.submit')}
      </button>
      <p role="status" className="sign-in__status">
        {isNotAvailableShown ? t('signIn.notAvailable') : ''}
      </p>
    </form>
  );
}
