import { useTranslation } from 'react-i18next'
import type { CheckRow } from '../../../main/ipc/contract'

/** Green / amber / red (grey: skipped) rows with the reason and the fix, in the UI's language when the core has it. */
export function CheckRows({ rows, label }: { rows: CheckRow[]; label: string }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const zh = i18n.language === 'zh-CN'
  return (
    <ul className="checks" aria-label={label}>
      {rows.map((r) => {
        const fix = zh ? (r.fixZh ?? r.fix) : r.fix
        const reason = zh ? (r.reasonZh ?? r.reason) : r.reason
        return (
          <li key={r.id} className={`check-row check-${r.status}`} data-status={r.status} data-id={r.id}>
            <span className="check-dot" aria-hidden="true" />
            <div>
              <strong>{zh ? (r.titleZh ?? r.title) : r.title}</strong>{' '}
              <span className="check-status">{t(`checks.${r.status}`)}</span>
              {reason && <p>{reason}</p>}
              {fix && <p className="check-fix">{fix}</p>}
            </div>
          </li>
        )
      })}
    </ul>
  )
}
