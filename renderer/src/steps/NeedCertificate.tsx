import { useTranslation } from 'react-i18next'
import { useAppStore } from '../stores/app-store'

export function NeedCertificate(): React.JSX.Element {
  const { t } = useTranslation()
  const go = useAppStore((s) => s.go)
  return (
    <section className="card card-muted">
      <p>{t('common.needCertificate')}</p>
      <button type="button" className="btn btn-secondary" onClick={() => go('certificates')}>
        {t('common.toCertificates')}
      </button>
    </section>
  )
}
