// Inside the sign-in form, after the server took a password this workstation's data is not
// locked with (desk-session.ts, `password_changed_on_server`): the previous password once, or,
// when it is lost, deleting the local copy after being told what unsent work that loses.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface PasswordRecoveryProps {
  /** Work on this workstation not yet on the server, lost if the local copy is deleted; null: unknown. */
  unsentCount: number | null;
  isWorking: boolean;
  /** The officer chose to delete the local copy (the form holds username and new password). */
  onDiscard(form: HTMLFormElement): void;
  onCancel(): void;
}

/** Its "Buka dengan kata sandi lama" button submits the sign-in form with `previousPassword`. */
export function PasswordRecovery({ unsentCount, isWorking, onDiscard, onCancel }: PasswordRecoveryProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const previousPasswordId = useId();
  const [isLossConfirmed, setIsLossConfirmed] = useState(false);
  const needsConfirmation = unsentCount !== 0;
  return (
    <section className="sign-in__recovery" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('signIn.recovery.title')}</h3>
      <p>{t('signIn.recovery.explain')}</p>
      <div className="field">
        <label htmlFor={previousPasswordId}>{t('signIn.recovery.previousPassword')}</label>
        <input id={previousPasswordId} name="previousPassword" type="password" autoComplete="off" autoFocus />
      </div>
      <button type="submit" className="button-primary" disabled={isWorking}>
        {t('signIn.recovery.unlockWithPrevious')}
      </button>
      <details className="sign-in__forgot">
        <summary>{t('signIn.recovery.forgot')}</summary>
        <p data-testid="recovery-unsent">
          {unsentCount === null
            ? t('signIn.recovery.unsentUnknown')
            : unsentCount === 0
              ? t('signIn.recovery.nothingUnsent')
              : t('signIn.recovery.unsentWillBeLost', { count: unsentCount })}
        </p>
        {needsConfirmation && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={isLossConfirmed}
              onChange={(event) => setIsLossConfirmed(event.currentTarget.checked)}
            />
            {unsentCount === null
              ? t('signIn.recovery.confirmUnknownLoss')
              : t('signIn.recovery.confirmLoss', { count: unsentCount })}
          </label>
        )}
        <button
          type="button"
          className="button-danger"
          disabled={isWorking || (needsConfirmation && !isLossConfirmed)}
          onClick={(event) => {
            const form = event.currentTarget.form;
            if (form) onDiscard(form);
          }}
        >
          {t('signIn.recovery.discard')}
        </button>
      </details>
      <button type="button" className="button-link" onClick={onCancel}>
        {t('signIn.recovery.cancel')}
      </button>
    </section>
  );
}
