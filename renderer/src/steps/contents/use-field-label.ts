import { useTranslation } from 'react-i18next'
import type { FieldLabel } from '../../components/ErrorNotice'

/** Names an error's request field as this screen's controls do (`contents.fields.<field>`). */
export function useFieldLabel(): FieldLabel {
  const { t, i18n } = useTranslation()
  return (field) => (i18n.exists(`contents.fields.${field}`) ? t(`contents.fields.${field}`) : field)
}
