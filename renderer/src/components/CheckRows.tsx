import { useTranslation } from 'react-i18next'
import type { CheckRow } from '../../../main/ipc/contract'
import { translator } from '../i18n'

/** A row's title, reason and fix in the UI's language (the messages main sent, rendered from the catalogue). */
export function checkRowText(r: CheckRow): {
  title: string
  reason: string | undefined
  fix: string | undefined
} {
  const tr = translator()
  return {
    title: tr.render(r.title),
    reason: r.reason === undefined ? undefined : tr.render(r.reason),
    fix: r.fix === undefined ? undefined : tr.render(r.fix),
  }
}

/** Green / amber / red (grey: skipped) rows with the reason and the fix, in the UI's language. */
export function CheckRows({ rows, label }: { rows: CheckRow[]; label: string }): React.JSX.Element {
  return (
    <ul className="checks" aria-label={label}>
      {rows.map((r) => (
        <CheckRowItem key={r.id} row={r} />
      ))}
    </ul>
  )
}

function CheckRowItem({ row }: { row: CheckRow }): React.JSX.Element {
  // useTranslation re-renders the row when the language changes.
  const { t } = useTranslation()
  const text = checkRowText(row)
  return (
    <li className={`check-row check-${row.status}`} data-status={row.status} data-id={row.id}>
      <span className="check-dot" aria-hidden="true" />
      <div>
        <strong>{text.title}</strong> <span className="check-status">{t(`checks.${row.status}`)}</span>
        {text.reason && <p>{text.reason}</p>}
        {text.fix && <p className="check-fix">{text.fix}</p>}
      </div>
    </li>
  )
}
