import { useTranslation } from 'react-i18next'
import { formatBytes } from '../../../../main/images/format-bytes'
import type { ContentsRegistryRef } from '../../../../main/ipc/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { addressOf, useContentsStore } from '../../stores/contents-store'
import { useFieldLabel } from './use-field-label'

/** The registry read, Refresh, the name filter and what the registry holds in numbers. */
export function ContentsHeader({ target }: { target: ContentsRegistryRef }): React.JSX.Element {
  const { t } = useTranslation()
  const loading = useContentsStore((s) => s.loading)
  const error = useContentsStore((s) => s.error)
  const load = useContentsStore((s) => s.load)
  const fieldLabel = useFieldLabel()
  return (
    <section className="card" aria-labelledby="contents-head">
      <div className="card-title-row">
        <h2 id="contents-head" className="mono">
          {t('contents.target', { target: addressOf(target) })}
        </h2>
        <button type="button" className="btn btn-secondary" disabled={loading} onClick={() => void load()}>
          {t('contents.refresh')}
        </button>
      </div>
      <Filter />
      <Summary />
      {loading && (
        <p role="status" className="muted">
          {t('contents.loading')}
        </p>
      )}
      <ErrorNotice error={error} fieldLabel={fieldLabel} />
    </section>
  )
}

function Filter(): React.JSX.Element {
  const { t } = useTranslation()
  const filter = useContentsStore((s) => s.filter)
  const set = useContentsStore((s) => s.set)
  return (
    <div className="field">
      <label htmlFor="contents-filter">{t('contents.filter')}</label>
      <input
        id="contents-filter"
        type="search"
        value={filter}
        spellCheck={false}
        autoComplete="off"
        aria-describedby="contents-filter-hint"
        onChange={(e) => set({ filter: e.target.value })}
      />
      <p id="contents-filter-hint" className="field-hint">
        {t('contents.filterHint')}
      </p>
    </div>
  )
}

function Summary(): React.JSX.Element | null {
  const { t } = useTranslation()
  const repositories = useContentsStore((s) => s.repositories)
  if (!repositories) return null
  if (repositories.length === 0) return <p className="muted">{t('contents.empty')}</p>
  const tags = repositories.reduce((n, r) => n + r.tags.length, 0)
  const size = repositories.reduce((n, r) => n + r.distinctSize, 0)
  return (
    <p className="muted">
      {t('contents.summary', { repositories: repositories.length, tags, size: formatBytes(size) })}
    </p>
  )
}
