import { useTranslation } from 'react-i18next'
import { daysLeft } from '../../../main/dates'
import { expiryLevel, watchDaysOf, type ExpiryKind } from '../../../main/lifecycle/expiry'

/**
 * Days left until `notAfter`, coloured from green to red by the domain's rule (main/lifecycle/expiry: over 90 days,
 * 30 to 90 (a CA: 30 to 180), under 30, expired), and said in words too: the level is never told by colour alone.
 */
export function ExpiryBadge({
  notAfter,
  now,
  kind = 'certificate',
  days: given,
}: {
  notAfter: string
  now?: Date
  kind?: ExpiryKind
  /** The days left the domain already counted (a CertificateSummary's daysLeft): shown as they are. */
  days?: number
}): React.JSX.Element {
  const { t } = useTranslation()
  const at = now ?? new Date()
  const days = given ?? daysLeft(notAfter, at)
  const level = expiryLevel(days, Date.parse(notAfter) <= at.getTime(), watchDaysOf(kind))
  // Green needs no word beyond the days; amber and red say what to do.
  const text =
    level === 'expired'
      ? t('expiry.level.expired')
      : level === 'ok'
        ? t('expiry.daysLeft', { count: days })
        : `${t('expiry.daysLeft', { count: days })} · ${t(`expiry.level.${level}`)}`
  return (
    <span className={`badge expiry-${level}`} data-level={level}>
      {text}
    </span>
  )
}
