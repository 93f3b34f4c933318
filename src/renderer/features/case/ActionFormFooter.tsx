import { useTranslation } from 'react-i18next';

/** The end of every action form: the refusal (if any), then Confirm and Cancel. */
export function ActionFormFooter({ error, onCancel }: { error: string; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="action-form__buttons">
        <button type="submit" className="button-primary">
          {t('actions.confirm')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      </div>
    </>
  );
}
