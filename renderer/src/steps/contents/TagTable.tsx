import {
  flexRender,
  getCoreRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type Row,
  type SortingState,
} from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContentsRegistryRef } from '../../../../main/ipc/contract'
import { HeaderCell, Pager, type Meta } from '../../components/DataTable'
import { addressOf, tagRows, useContentsStore, type TagRow } from '../../stores/contents-store'
import { useTagColumns } from './columns'
import { useCopyStore } from './copy-store'

/** Rows per page; within a page only the rows in view (and a few around) are in the DOM. */
export const PAGE_SIZE = 1000
const ROW_HEIGHT = 44
const PLATFORM_LINE = 20

/** Every tag of the registry (filtered), sortable, in pages, with virtual rows: thousands of tags stay fast. */
export function TagTable({ target }: { target: ContentsRegistryRef }): React.JSX.Element | null {
  const { t } = useTranslation()
  const repositories = useContentsStore((s) => s.repositories)
  const filter = useContentsStore((s) => s.filter)
  const rows = useMemo(() => tagRows(repositories, filter), [repositories, filter])
  const total = useMemo(() => tagRows(repositories, '').length, [repositories])
  if (!repositories || total === 0) return null
  return (
    <section className="card" aria-labelledby="contents-tags">
      <h2 id="contents-tags">{t('contents.table.label')}</h2>
      <p className="muted" aria-live="polite">
        {t('contents.shown', { shown: rows.length, total })}
      </p>
      <TagRows
        rows={rows}
        address={addressOf(target)}
        label={t('contents.table.label')}
        region={t('contents.table.scroll')}
      />
    </section>
  )
}

export interface TagRowsProps {
  rows: TagRow[]
  /** HOST:PORT for the pull lines. */
  address: string
  /** The table's name (its caption) and the scrolling region's. */
  label: string
  region: string
  /** The Images screen's view: what a tag is, its size and platforms, pull and export; no digest, dates or Delete. */
  compact?: boolean | undefined
}

/** The tag table itself (sortable, paged, virtual rows) and the line saying what was copied. */
export function TagRows(props: TagRowsProps): React.JSX.Element {
  return (
    <>
      <VirtualTable {...props} />
      <CopiedLine />
    </>
  )
}

function VirtualTable({ rows, address, label, region, compact }: TagRowsProps): React.JSX.Element {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'repository', desc: false }])
  const columns = useTagColumns(address, compact === true)
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the table is read in render
  const table = useReactTable<TagRow>({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (r) => `${r.repository}:${r.tag.tag}`,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    autoResetPageIndex: true,
    initialState: { pagination: { pageIndex: 0, pageSize: PAGE_SIZE } },
  })
  return (
    <>
      <VirtualBody rows={table.getRowModel().rows} columns={columns.length} label={label} region={region}>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((h) => (
              <HeaderCell key={h.id} header={h} />
            ))}
          </tr>
        ))}
      </VirtualBody>
      <Pager table={table} label={label} />
    </>
  )
}

const estimate = (row: Row<TagRow> | undefined): number =>
  ROW_HEIGHT + Math.max(0, (row?.original.tag.platforms.length ?? 1) - 1) * PLATFORM_LINE

/** The scrolling region: a spacer row above and below the rows the virtualizer says are in view. */
function VirtualBody(props: {
  rows: Row<TagRow>[]
  columns: number
  label: string
  region: string
  children: React.ReactNode
}): React.JSX.Element {
  const scroller = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; read in render
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => estimate(props.rows[i]),
    overscan: 6,
  })
  const items = virtualizer.getVirtualItems()
  const top = items[0]?.start ?? 0
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0)
  return (
    <div ref={scroller} className="contents-scroll" tabIndex={0} role="region" aria-label={props.region}>
      <table className="table contents-table" aria-rowcount={props.rows.length + 1}>
        <caption className="sr-only">{props.label}</caption>
        <thead>{props.children}</thead>
        <tbody>
          {top > 0 && <Spacer height={top} columns={props.columns} />}
          {items.map((v) => {
            const row = props.rows[v.index]
            return row ? <BodyRow key={row.id} row={row} index={v.index} /> : null
          })}
          {bottom > 0 && <Spacer height={bottom} columns={props.columns} />}
        </tbody>
      </table>
    </div>
  )
}

function Spacer({ height, columns }: { height: number; columns: number }): React.JSX.Element {
  return (
    <tr aria-hidden="true" className="contents-spacer" style={{ height }}>
      <td colSpan={columns} />
    </tr>
  )
}

function BodyRow({ row, index }: { row: Row<TagRow>; index: number }): React.JSX.Element {
  return (
    <tr data-row={row.id} aria-rowindex={index + 2}>
      {row.getVisibleCells().map((c) => (
        <td key={c.id} className={(c.column.columnDef.meta as Meta | undefined)?.className}>
          {flexRender(c.column.columnDef.cell, c.getContext())}
        </td>
      ))}
    </tr>
  )
}

function CopiedLine(): React.JSX.Element {
  const { t } = useTranslation()
  const line = useCopyStore((s) => s.line)
  return (
    <p className="muted small" role="status">
      {line ? t('contents.copied', { line }) : ''}
    </p>
  )
}
