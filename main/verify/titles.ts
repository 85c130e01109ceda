import { renderBoth, type VerifyMessage } from './i18n/message'
import { CHECK_IDS, type CheckId } from './types'

/** A check's title as a message (ids `title.<check id>` in main/verify/i18n). */
export function titleMessage(id: CheckId): VerifyMessage {
  return { id: `title.${id}` }
}

/** The ten checks in run order, with their titles in both languages (from the message tables). */
export const CHECKS: readonly { id: CheckId; en: string; zhCN: string }[] = CHECK_IDS.map((id) => ({
  id,
  ...renderBoth(titleMessage(id)),
}))

/** Which checks must not have failed for a check to run. */
export const DEPENDS_ON: Record<CheckId, CheckId[]> = {
  ca: [],
  'server-cert': ['ca'],
  san: [],
  dns: [],
  tcp: ['dns'],
  tls: ['ca', 'tcp'],
  api: ['tls'],
  'round-trip': ['api'],
  catalog: ['api'],
  trust: ['ca'],
}

/** The step a failure without a known explanation sends the user back to. */
export const DEFAULT_FIX: Record<
  CheckId,
  { step: 'certificates' | 'registry' | 'trust' | 'network'; en: string; zhCN: string }
> = {
  ca: {
    step: 'certificates',
    en: 'Redo the Certificates step and give its ca.crt.',
    zhCN: '重新执行“证书”步骤并使用其生成的 ca.crt。',
  },
  'server-cert': {
    step: 'certificates',
    en: 'Redo the Certificates step to issue the server certificate.',
    zhCN: '重新执行“证书”步骤签发服务器证书。',
  },
  san: {
    step: 'certificates',
    en: 'Redo the Certificates step with the address as a SAN.',
    zhCN: '重新执行“证书”步骤，把地址写入 SAN。',
  },
  dns: {
    step: 'network',
    en: 'Fix the DNS record or /etc/hosts entry for the registry name.',
    zhCN: '修正仓库域名的 DNS 记录或 /etc/hosts 条目。',
  },
  tcp: {
    step: 'network',
    en: 'Check the address, the firewall and that the registry runs (Registry step).',
    zhCN: '检查地址、防火墙以及仓库是否在运行（“仓库”步骤）。',
  },
  tls: {
    step: 'registry',
    en: 'Check the certificate the registry serves (Registry step: replace the certificate).',
    zhCN: '检查仓库提供的证书（“仓库”步骤：替换证书）。',
  },
  api: {
    step: 'registry',
    en: 'Check the registry container and its log (Registry step).',
    zhCN: '检查仓库容器及其日志（“仓库”步骤）。',
  },
  'round-trip': {
    step: 'registry',
    en: 'Read the Docker message above; check the registry log (Registry step).',
    zhCN: '阅读上面的 Docker 信息，并检查仓库日志（“仓库”步骤）。',
  },
  catalog: {
    step: 'registry',
    en: 'Check the registry container and its log (Registry step).',
    zhCN: '检查仓库容器及其日志（“仓库”步骤）。',
  },
  trust: { step: 'trust', en: 'Redo the Trust step on this machine.', zhCN: '在本机重新执行“信任”步骤。' },
}
