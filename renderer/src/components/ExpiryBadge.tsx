import { useTranslation } from 'react-i18next'
import { daysLeft } from '../../../main/dates'
import { expiryLevelAt } from '../../../main/lifecycle/expiry'

/**
 * Days left until `notAfter`, coloured from green to red by the domain's rule (main/lifecycle/expiry: over 90 days,
 * 30 to 90, under 30, expired), and said in words too: the level is never told by colour alone.
 */
export function ExpiryBadge({ notAfter, now }: { notAfter: string; now?: Date }): React.JSX.Element {
  const { t } = useTranslation()
  const at = now ?? new Date()
  const level = expiryLevelAt(notAfter, at)
  const days = daysLeft(notAfter, at)
  const text =
    level === 'expired'
      ? t('expiry.level.expired')
      : `${t('expiry.daysLeft', { count: days })} · ${t(`expiry.level.${level}`)}`
  return (
    <span className={`badge expiry-${level}`} data-level={level}>
      {text}
    </span>
  )
}
