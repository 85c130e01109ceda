import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../../../main/ipc/contract'
import en from './en.json'
import zhCN from './zh-CN.json'

export const LANGUAGES: { id: Language; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '简体中文' },
]

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const

/** zh-* (zh, zh-CN, zh-Hans, zh-TW...) -> simplified Chinese; anything else -> English. */
export function pickLanguage(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  document.documentElement.lang = language
  return i18next
}
