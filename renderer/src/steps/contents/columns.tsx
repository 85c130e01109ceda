import type { ColumnDef } from '@tanstack/react-table'
import { useTranslation } from 'react-i18next'
import { formatBytes } from '../../../../main/images/format-bytes'
import type { Meta } from '../../components/DataTable'
import { formatDate } from '../../lib/format'
import type { TagRow } from '../../stores/contents-store'
import { refLines, useImagesStore } from '../../stores/images-store'
import { DeleteTag } from './DeleteTag'
import { PullLine } from './PullLine'

type Column = ColumnDef<TagRow, string | number | undefined>

const shortDigest = (d: string): string => d.replace(/^sha256:/, '').slice(0, 12)

function column(
  id: string,
  title: string,
  cell: (r: TagRow) => React.ReactNode,
  o: { sort?: (r: TagRow) => string | number; className?: string; hidden?: boolean } = {},
): Column {
  const meta: Meta = { title, className: o.className, hiddenHeader: o.hidden }
  return {
    id,
    header: title,
    accessorFn: (r) => o.sort?.(r),
    enableSorting: o.sort !== undefined,
    sortDescFirst: false,
    cell: (ctx) => cell(ctx.row.original),
    meta,
  }
}

function Platforms({ row }: { row: TagRow }): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <span className="contents-platforms">
      {row.tag.kind === 'index' && <span className="badge">{t('contents.table.kindIndex')}</span>}
      {row.tag.platforms.map((p) => (
        <span key={p.digest} className="mono small">
          {t('contents.table.platformSize', { platform: p.platform, size: formatBytes(p.size) })}
        </span>
      ))}
    </span>
  )
}

/** A tick that puts `repository:tag` on the Images screen's export list (the same list its export reads). */
function ExportTick({ row, compact }: { row: TagRow; compact: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  const reference = `${row.repository}:${row.tag.tag}`
  const chosen = useImagesStore((s) => refLines(s.exporter.refs).includes(reference))
  const toggle = useImagesStore((s) => s.toggleRef)
  return (
    <input
      type="checkbox"
      checked={chosen}
      aria-label={t(compact ? 'images.listing.selectTag' : 'contents.table.exportLabel', { reference })}
      onChange={() => toggle(reference)}
    />
  )
}

/** Left out of the compact table (the Images screen): the full screen shows them. */
const FULL_ONLY = new Set(['digest', 'mediaType', 'created', 'actions'])

/** The table's columns: what a tag is, how big, when made, how to pull it, and its Delete (compact: fewer). */
export function useTagColumns(address: string, compact = false): Column[] {
  const { t, i18n } = useTranslation()
  const created = (r: TagRow): string =>
    r.tag.created ? formatDate(r.tag.created, i18n.language) : t('contents.table.unknown')
  return [
    column('export', t('contents.table.export'), (r) => <ExportTick row={r} compact={compact} />),
    column('repository', t('contents.table.repository'), (r) => r.repository, {
      sort: (r) => r.repository,
      className: 'mono',
    }),
    column('tag', t('contents.table.tag'), (r) => r.tag.tag, { sort: (r) => r.tag.tag, className: 'mono' }),
    column(
      'digest',
      t('contents.table.digest'),
      (r) => <span title={r.tag.digest}>{shortDigest(r.tag.digest)}</span>,
      { className: 'mono small' },
    ),
    column('mediaType', t('contents.table.mediaType'), (r) => r.tag.mediaType, {
      className: 'mono small contents-media',
    }),
    column('platforms', t('contents.table.platforms'), (r) => <Platforms row={r} />),
    column('size', t('contents.table.size'), (r) => formatBytes(r.tag.size), { sort: (r) => r.tag.size }),
    column('created', t('contents.table.created'), created, { sort: (r) => r.tag.created ?? '' }),
    column('pull', t('contents.table.pull'), (r) => <PullLine address={address} row={r} />),
    column('actions', t('contents.table.actions'), (r) => <DeleteTag row={r} />, { hidden: true }),
  ].filter((c) => !compact || !FULL_ONLY.has(c.id ?? ''))
}
