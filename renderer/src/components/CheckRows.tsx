import { useTranslation } from 'react-i18next'
import type { CheckRow } from '../../../main/ipc/contract'

/** Green / amber / red rows with the reason and the fix. */
export function CheckRows({ rows, label }: { rows: CheckRow[]; label: string }): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <ul className="checks" aria-label={label}>
      {rows.map((r) => (
        <li key={r.id} className={`check-row check-${r.status}`}>
          <span className="check-dot" aria-hidden="true" />
          <div>
            <strong>{r.title}</strong> <span className="sr-only">{t(`checks.${r.status}`)}</span>
            {r.reason && <p>{r.reason}</p>}
            {r.fix && <p className="check-fix">{r.fix}</p>}
          </div>
        </li>
      ))}
    </ul>
  )
}
