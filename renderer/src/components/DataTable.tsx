import {
  flexRender,
  getCoreRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Header,
  type SortingState,
  type Table,
} from '@tanstack/react-table'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** One column: its header, how a row shows in it, and (for a sortable column) the value rows sort by. */
export interface DataColumn<T> {
  id: string
  header: string
  cell: (row: T) => ReactNode
  sortValue?: (row: T) => string | number
  className?: string
  /** The header is read by screen readers only (an actions column). */
  hiddenHeader?: boolean
}

interface DataTableProps<T> {
  rows: T[]
  columns: DataColumn<T>[]
  rowKey: (row: T) => string
  /** The table's accessible name (its caption, read by screen readers). */
  label: string
  pageSize?: number
  /** The column sorted by at first (ascending). */
  sortBy?: string
}

/**
 * A table with sortable columns (a button in each sortable header; aria-sort says the order) and pages of
 * `pageSize` rows with previous / next, on TanStack Table (headless: the markup and styles are ours).
 */
export function DataTable<T>(props: DataTableProps<T>): React.JSX.Element {
  const [sorting, setSorting] = useState<SortingState>(
    props.sortBy ? [{ id: props.sortBy, desc: false }] : [],
  )
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the table is read in render
  const table = useReactTable<T>({
    data: props.rows,
    columns: props.columns.map(toColumnDef),
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: props.rowKey,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    initialState: { pagination: { pageIndex: 0, pageSize: props.pageSize ?? 10 } },
  })
  return (
    <>
      <table className="table">
        <caption className="sr-only">{props.label}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((h) => (
                <HeaderCell key={h.id} header={h} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((c) => (
                <td key={c.id} className={(c.column.columnDef.meta as Meta | undefined)?.className}>
                  {flexRender(c.column.columnDef.cell, c.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Pager table={table} label={props.label} />
    </>
  )
}

export interface Meta {
  className?: string | undefined
  hiddenHeader?: boolean | undefined
  title: string
}

function toColumnDef<T>(c: DataColumn<T>): ColumnDef<T, string | number | undefined> {
  const meta: Meta = { className: c.className, hiddenHeader: c.hiddenHeader, title: c.header }
  return {
    id: c.id,
    header: c.header,
    accessorFn: (row) => c.sortValue?.(row),
    enableSorting: c.sortValue !== undefined,
    // Every column sorts ascending first (TanStack's default puts numbers descending first).
    sortDescFirst: false,
    cell: (ctx) => c.cell(ctx.row.original),
    meta,
  }
}

export function HeaderCell<T>({ header }: { header: Header<T, unknown> }): React.JSX.Element {
  const { t } = useTranslation()
  const meta = header.column.columnDef.meta as Meta
  const order = header.column.getIsSorted()
  const sort = order === 'asc' ? 'ascending' : order === 'desc' ? 'descending' : undefined
  if (meta.hiddenHeader)
    return (
      <th scope="col">
        <span className="sr-only">{meta.title}</span>
      </th>
    )
  if (!header.column.getCanSort()) return <th scope="col">{meta.title}</th>
  return (
    <th scope="col" aria-sort={sort ?? 'none'}>
      <button
        type="button"
        className="th-sort"
        onClick={header.column.getToggleSortingHandler()}
        title={t('table.sortBy', { column: meta.title })}
      >
        {meta.title}
        <span aria-hidden="true" className="th-sort-mark">
          {order === 'asc' ? '▲' : order === 'desc' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  )
}

/** Previous / next page, shown only when the rows take more than one page. */
export function Pager<T>({ table, label }: { table: Table<T>; label: string }): React.JSX.Element | null {
  const { t } = useTranslation()
  const pages = table.getPageCount()
  if (pages <= 1) return null
  return (
    <nav className="pager" aria-label={t('table.pages', { table: label })}>
      <button
        type="button"
        className="btn btn-secondary"
        onClick={() => table.previousPage()}
        disabled={!table.getCanPreviousPage()}
      >
        {t('table.previous')}
      </button>
      <span aria-live="polite">
        {t('table.page', { page: table.getState().pagination.pageIndex + 1, pages })}
      </span>
      <button
        type="button"
        className="btn btn-secondary"
        onClick={() => table.nextPage()}
        disabled={!table.getCanNextPage()}
      >
        {t('table.next')}
      </button>
    </nav>
  )
}
