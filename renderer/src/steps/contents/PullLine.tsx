import { useTranslation } from 'react-i18next'
import type { TagRow } from '../../stores/contents-store'
import { useCopyStore } from './copy-store'

/** `docker pull HOST:PORT/repo:tag` and a button that copies it (the page's clipboard: the app has no main-side one). */
export function PullLine({ address, row }: { address: string; row: TagRow }): React.JSX.Element {
  const { t } = useTranslation()
  const copied = useCopyStore((s) => s.copied)
  const reference = `${row.repository}:${row.tag.tag}`
  const line = `docker pull ${address}/${reference}`
  return (
    <span className="contents-pull">
      <code className="mono small">{line}</code>
      <button
        type="button"
        className="btn btn-link"
        aria-label={t('contents.copyLabel', { reference })}
        onClick={() => void navigator.clipboard.writeText(line).then(() => copied(line))}
      >
        {t('contents.copy')}
      </button>
    </span>
  )
}
