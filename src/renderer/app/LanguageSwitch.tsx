import { useTranslation } from 'react-i18next';
import { otherLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const target = otherLanguage(i18n.resolvedLanguage);
  return (
    <button
      type="button"
      className="language-switch"
      lang={target}
      onClick={() => {
        // Messages are bundled, so changing language resolves at once and cannot fail to load.
        void i18n.changeLanguage(target);
      }}
    >
      {t('language.switchTo')}
    </button>
  );
}
