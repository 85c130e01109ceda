import { BarChart } from 'echarts/charts'
import { GridComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBytes } from '../../../../main/images/format-bytes'
import { useContentsStore } from '../../stores/contents-store'

// Only the pieces drawn: bars, the grid with its axes, the tooltip, the SVG renderer.
echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer])

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

/** A thin React wrapper around one ECharts instance (SVG), redrawn when the bars change, disposed on unmount. */
function BarsChart({ bars, label }: { bars: Bar[]; label: string }): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = box.current
    if (!el) return undefined
    const chart = echarts.init(el, undefined, {
      renderer: 'svg',
      height: Math.max(160, bars.length * 28 + 60),
    })
    const sorted = [...bars].sort((a, b) => a.bytes - b.bytes)
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatBytes(Number(v)) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatBytes(v) } },
      yAxis: { type: 'category', data: sorted.map((b) => b.name) },
      series: [{ type: 'bar', data: sorted.map((b) => b.bytes), itemStyle: { color: '#2f6fdd' } }],
    })
    const resize = (): void => chart.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      chart.dispose()
    }
  }, [bars])
  return <div ref={box} className="contents-chart" role="img" aria-label={label} />
}

/** The chart card's body (lazy-loaded: ECharts comes in its own chunk). */
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
