import { useTranslation } from 'react-i18next'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { childrenGoing, tagsWith, useContentsStore, type TagRow } from '../../stores/contents-store'

/** Delete through the confirmation, which says what goes with the tag: every tag of its manifest, its platforms. */
export function DeleteTag({ row }: { row: TagRow }): React.JSX.Element {
  const { t } = useTranslation()
  const repositories = useContentsStore((s) => s.repositories)
  const busy = useContentsStore((s) => s.deleting !== undefined || s.enableJob !== undefined)
  const remove = useContentsStore((s) => s.remove)
  const reference = `${row.repository}:${row.tag.tag}`
  const tags = tagsWith(repositories, row).join(', ')
  const children = childrenGoing(repositories, row)
  const description = [
    t('contents.delete.description', { digest: row.tag.digest, repository: row.repository, tags }),
    children > 0 ? t('contents.delete.children', { count: children }) : '',
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <ConfirmDialog
      trigger={t('contents.delete.trigger')}
      triggerLabel={t('contents.delete.triggerLabel', { reference })}
      title={t('contents.delete.title', { reference })}
      description={description}
      confirm={t('contents.delete.confirm')}
      disabled={busy}
      onConfirm={() => void remove(row.repository, row.tag.tag)}
    />
  )
}
