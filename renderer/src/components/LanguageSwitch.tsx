import { useTranslation } from 'react-i18next'
import type { Language } from '../../../main/ipc/contract'
import { api } from '../api'
import { LANGUAGES } from '../i18n'
import { useAppStore } from '../stores/app-store'

export async function switchLanguage(
  i18nChange: (l: string) => Promise<unknown>,
  language: Language,
): Promise<void> {
  await i18nChange(language)
  document.documentElement.lang = language
  const r = await api().setLanguage({ language })
  if (r.ok) useAppStore.getState().setSettings(r.value)
}

export function LanguageSwitch(): React.JSX.Element {
  const { t, i18n } = useTranslation()
  return (
    <div className="lang">
      <label htmlFor="language">{t('nav.language')}</label>
      <select
        id="language"
        value={i18n.language}
        onChange={(e) => void switchLanguage((l) => i18n.changeLanguage(l), e.target.value as Language)}
      >
        {LANGUAGES.map((l) => (
          <option key={l.id} value={l.id}>
            {l.label}
          </option>
        ))}
      </select>
    </div>
  )
}
