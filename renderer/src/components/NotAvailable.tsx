import { useTranslation } from 'react-i18next'

/** Said honestly: this step's core is not built yet. Shows what it will do and what to do meanwhile. */
export function NotAvailable({
  step,
  cli,
  title,
}: {
  step: string
  cli: string
  title?: string
}): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <section className="card card-muted" aria-labelledby={`${step}-na-title`}>
      <div className="card-title-row">
        <h2 id={`${step}-na-title`}>{title ?? t('notAvailable.title')}</h2>
        <span className="badge badge-neutral">{t('notAvailable.badge')}</span>
      </div>
      <p>{t(`notAvailable.${step}`)}</p>
      <p className="muted">{t('notAvailable.meanwhile')}</p>
      <pre className="code">{cli}</pre>
    </section>
  )
}
