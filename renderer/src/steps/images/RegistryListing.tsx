import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImagesRegistryRef } from '../../../../main/ipc/contract'
import { DataTable, type DataColumn } from '../../components/DataTable'
import { ErrorNotice } from '../../components/ErrorNotice'
import { refLines, useImagesStore } from '../../stores/images-store'

type Repo = { name: string; tags: string[] }

/** One tag: a checkbox that puts `repository:tag` on the export list. */
function TagChoice({ repo, tag }: { repo: string; tag: string }): React.JSX.Element {
  const { t } = useTranslation()
  const reference = `${repo}:${tag}`
  const chosen = useImagesStore((s) => refLines(s.exporter.refs).includes(reference))
  const toggle = useImagesStore((s) => s.toggleRef)
  return (
    <label className="check-label tag-choice">
      <input
        type="checkbox"
        checked={chosen}
        aria-label={t('images.listing.selectTag', { reference })}
        onChange={() => toggle(reference)}
      />{' '}
      <span className="mono">{tag}</span>
    </label>
  )
}

function useColumns(): DataColumn<Repo>[] {
  const { t } = useTranslation()
  return [
    {
      id: 'name',
      header: t('images.listing.repository'),
      cell: (r) => r.name,
      sortValue: (r) => r.name,
      className: 'mono',
    },
    {
      id: 'tags',
      header: t('images.listing.tags'),
      cell: (r) => (
        <span className="tag-list">
          {r.tags.map((tag) => (
            <TagChoice key={tag} repo={r.name} tag={tag} />
          ))}
        </span>
      ),
    },
  ]
}

/** The registry's repositories and tags, read when the screen opens, after a push, and on Refresh. */
export function RegistryListing({ target }: { target: ImagesRegistryRef }): React.JSX.Element {
  const { t } = useTranslation()
  const listing = useImagesStore((s) => s.listing)
  const busy = useImagesStore((s) => s.listingBusy)
  const error = useImagesStore((s) => s.listingError)
  const refresh = useImagesStore((s) => s.refresh)
  const columns = useColumns()
  useEffect(() => {
    void refresh(target)
  }, [refresh, target])
  return (
    <section className="card" aria-labelledby="images-listing">
      <div className="card-title-row">
        <h2 id="images-listing">{t('images.listing.title')}</h2>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy}
          onClick={() => void refresh(target)}
        >
          {t('images.listing.refresh')}
        </button>
      </div>
      {busy && (
        <p role="status" className="muted">
          {t('images.listing.loading')}
        </p>
      )}
      {listing && listing.length === 0 && <p className="muted">{t('images.listing.empty')}</p>}
      {listing && listing.length > 0 && (
        <DataTable
          rows={listing}
          columns={columns}
          rowKey={(r) => r.name}
          label={t('images.listing.label')}
          sortBy="name"
        />
      )}
      <ErrorNotice error={error} />
    </section>
  )
}
