import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../../../main/ipc/contract'
import { I18N_OPTIONS, i18nResources, pickLang, Translator } from '../../../main/messages/index'

export const LANGUAGES: { id: Language; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '简体中文' },
]

/** The one catalogue per language (main/messages): the GUI's words in `translation`, the domain's in their namespaces. */
export const resources = i18nResources()

/** zh-* (zh, zh-CN, zh-Hans, zh-TW...) -> simplified Chinese; anything else -> English. */
export const pickLanguage: (locale: string | undefined) => Language = pickLang

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({ ...I18N_OPTIONS, resources, lng: language })
  document.documentElement.lang = language
  return i18next
}

/** The renderer of domain messages and error codes in the current language (over the app's i18next instance). */
export function translator(): Translator {
  return new Translator(i18next.language === 'zh-CN' ? 'zh-CN' : 'en', i18next)
}
