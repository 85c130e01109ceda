import { useTranslation } from 'react-i18next'
import type { ImageArchiveInfo } from '../../../../main/ipc/contract'
import { formatBytes } from '../../../../main/images/format-bytes'
import { DataTable, type DataColumn } from '../../components/DataTable'
import { useImagesStore } from '../../stores/images-store'

type Row = ImageArchiveInfo['images'][number]

const platformText = (r: Row): string =>
  r.platforms.map((p) => [p.os, p.architecture, p.variant].filter(Boolean).join('/')).join(', ')

/** What one picked archive holds: images with their tags, digests, platforms and sizes. */
function ArchiveImages({ archive }: { archive: ImageArchiveInfo }): React.JSX.Element {
  const { t } = useTranslation()
  const remove = useImagesStore((s) => s.remove)
  const names = (r: Row): string => {
    if (r.names.length > 0) return r.names.join(', ')
    const tags = r.tags ?? []
    return tags.length > 0 ? t('images.table.tagsOnly', { tags: tags.join(', ') }) : t('images.table.noName')
  }
  const columns: DataColumn<Row>[] = [
    { id: 'name', header: t('images.table.name'), cell: names, sortValue: names, className: 'mono' },
    { id: 'digest', header: t('images.table.digest'), cell: (r) => r.digest.slice(0, 19), className: 'mono' },
    { id: 'platforms', header: t('images.table.platforms'), cell: platformText, sortValue: platformText },
    {
      id: 'size',
      header: t('images.table.size'),
      cell: (r) => formatBytes(r.size),
      sortValue: (r) => r.size,
    },
  ]
  const label = t('images.table.label', { name: archive.name })
  return (
    <div className="archive">
      <div className="card-title-row">
        <h3 className="mono">{archive.name}</h3>
        <span className="muted">
          {t('images.table.summary', {
            kind: archive.kind,
            images: archive.images.length,
            size: formatBytes(archive.totalBytes),
          })}
        </span>
        <button
          type="button"
          className="btn btn-link"
          aria-label={t('images.source.remove', { name: archive.name })}
          onClick={() => remove(archive.archiveId)}
        >
          ✕
        </button>
      </div>
      <DataTable rows={archive.images} columns={columns} rowKey={(r) => r.digest} label={label} />
    </div>
  )
}

export function ArchiveTables(): React.JSX.Element | null {
  const archives = useImagesStore((s) => s.archives)
  if (archives.length === 0) return null
  return (
    <>
      {archives.map((a) => (
        <ArchiveImages key={a.archiveId} archive={a} />
      ))}
    </>
  )
}
