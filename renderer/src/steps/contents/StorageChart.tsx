import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js'
import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBytes } from '../../../../main/images/format-bytes'
import { useContentsStore } from '../../stores/contents-store'

// Only the pieces drawn: horizontal bars on a category and a linear scale, with the tooltip. (Chart.js, not ECharts:
// ECharts' core alone is ~150 KB gzipped, which the renderer's 350 KB budget for all its JavaScript cannot hold.)
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip)

interface Bar {
  name: string
  bytes: number
}

/** Storage per repository: the registry storage's figures when main could read them, else the catalog's. */
function useBars(): { bars: Bar[]; fromUsage: boolean } {
  const usage = useContentsStore((s) => s.usage)
  const repositories = useContentsStore((s) => s.repositories)
  return useMemo(
    () =>
      usage
        ? { bars: usage.repositories.map((r) => ({ name: r.name, bytes: r.bytes })), fromUsage: true }
        : {
            bars: (repositories ?? []).map((r) => ({ name: r.name, bytes: r.distinctSize })),
            fromUsage: false,
          },
    [usage, repositories],
  )
}

/** A thin React wrapper around one Chart.js chart, made again when the bars change, destroyed on unmount. */
function BarsChart({ bars, label }: { bars: Bar[]; label: string }): React.JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null)
  const sorted = useMemo(() => [...bars].sort((a, b) => b.bytes - a.bytes), [bars])
  useEffect(() => {
    const context = canvas.current?.getContext('2d')
    if (!context) return undefined // no canvas (jsdom): the fallback list below stands for the chart
    const chart = new Chart(context, {
      type: 'bar',
      data: {
        labels: sorted.map((b) => b.name),
        datasets: [{ label, data: sorted.map((b) => b.bytes), backgroundColor: '#2f6fdd' }],
      },
      options: {
        indexAxis: 'y',
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { ticks: { callback: (v) => formatBytes(Number(v)) } } },
        plugins: { tooltip: { callbacks: { label: (item) => formatBytes(Number(item.raw)) } } },
      },
    })
    return () => chart.destroy()
  }, [sorted, label])
  return (
    <div className="contents-chart" style={{ height: Math.max(140, sorted.length * 28 + 50) }}>
      <canvas ref={canvas} role="img" aria-label={label}>
        <ul>
          {sorted.map((b) => (
            <li key={b.name}>
              {b.name}: {formatBytes(b.bytes)}
            </li>
          ))}
        </ul>
      </canvas>
    </div>
  )
}

/** The chart card's body (lazy-loaded: Chart.js comes in its own chunk). */
export default function StorageChart(): React.JSX.Element | null {
  const { t } = useTranslation()
  const { bars, fromUsage } = useBars()
  const usage = useContentsStore((s) => s.usage)
  if (bars.length === 0) return null
  return (
    <>
      <p className="muted">{fromUsage ? t('contents.chart.fromUsage') : t('contents.chart.fromCatalog')}</p>
      {usage && (
        <p>
          {t('contents.chart.total', {
            total: formatBytes(usage.totalBytes),
            blobs: usage.blobCount,
            unlinked: formatBytes(usage.unlinkedBytes),
          })}
        </p>
      )}
      <BarsChart bars={bars} label={t('contents.chart.label')} />
    </>
  )
}
