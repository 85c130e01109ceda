// Preflight titles, reasons and fixes in English and Simplified Chinese: one template table per language (a test
// fails when their ids or placeholders differ). `{name}` is filled with a parameter as it is (host, path, number,
// or the core's own error text, which stays as written).

export const preflightEn = {
  'title.certs': 'Server certificate and key',
  'title.engine': 'Docker engine',
  'title.port': 'Port {port}',
  'title.name': 'Container "{name}"',
  'certs.ok': '{subject}, {days} days left',
  'certs.CERT_FILES_MISSING': 'the certificate folder is incomplete: {detail}',
  'certs.CERT_KEY_MISMATCH': 'domain.key does not belong to domain.crt',
  'certs.CERT_EXPIRED': 'the server certificate has expired: {detail}',
  'certs.CERT_NOT_FROM_CA': 'the server certificate was not issued by ca.crt: {detail}',
  'certs.CERT_HOST_NOT_COVERED':
    'the server certificate has no SAN for {host}: Docker clients would refuse it',
  'certs.CERT_INVALID': 'the certificate files cannot be used: {detail}',
  'certs.fix': 'Issue the server certificate again in the Certificates step.',
  'engine.ok': 'Docker {version} ({os}/{arch})',
  'engine.fail': 'the engine cannot be used: {detail}',
  'engine.fix': 'Check where Docker runs in the Plan step and test the connection.',
  'engine.insecure':
    '{engine} has no TLS: the registry key and password file would be sent to it in clear text',
  'engine.insecure.allowed':
    'Docker {version} ({os}/{arch}) without TLS: the registry key and password file are sent in clear text',
  'engine.insecure.fix':
    'Give the engine\'s TLS folder or use SSH in the Plan step; only if this network is trusted, tick "Allow an engine without TLS".',
  'port.free': 'free',
  'port.published': 'already published by container "{by}"',
  'port.bound': 'another program on this machine listens on it',
  'port.fix': 'Choose another port in the Plan step, or stop what uses port {port}.',
  'name.free': 'name is free',
  'name.exists': 'already exists ({state}, image {image})',
  'name.exists.fix': 'Starting will refuse; remove it with the Remove button below, or rename it first.',
  'other.fail': '{detail}',
} as const

export type PreflightMessageId = keyof typeof preflightEn

export const preflightZhCN: Record<PreflightMessageId, string> = {
  'title.certs': '服务器证书和私钥',
  'title.engine': 'Docker 引擎',
  'title.port': '端口 {port}',
  'title.name': '容器“{name}”',
  'certs.ok': '{subject}，还剩 {days} 天',
  'certs.CERT_FILES_MISSING': '证书目录不完整：{detail}',
  'certs.CERT_KEY_MISMATCH': 'domain.key 与 domain.crt 不匹配',
  'certs.CERT_EXPIRED': '服务器证书已过期：{detail}',
  'certs.CERT_NOT_FROM_CA': '服务器证书不是由 ca.crt 签发的：{detail}',
  'certs.CERT_HOST_NOT_COVERED': '服务器证书的 SAN 中没有 {host}，Docker 客户端会拒绝它',
  'certs.CERT_INVALID': '证书文件无法使用：{detail}',
  'certs.fix': '请在“证书”步骤重新签发服务器证书。',
  'engine.ok': 'Docker {version}（{os}/{arch}）',
  'engine.fail': '无法使用该引擎：{detail}',
  'engine.fix': '请在“规划”步骤检查 Docker 的运行位置并测试连接。',
  'engine.insecure': '{engine} 未启用 TLS：仓库私钥和密码文件会以明文发送给它',
  'engine.insecure.allowed': 'Docker {version}（{os}/{arch}），未启用 TLS：仓库私钥和密码文件以明文发送',
  'engine.insecure.fix':
    '请在“规划”步骤提供引擎的 TLS 文件夹或改用 SSH；仅在网络可信时才勾选“允许不带 TLS 的引擎”。',
  'port.free': '空闲',
  'port.published': '已被容器“{by}”占用',
  'port.bound': '本机已有其他程序在监听该端口',
  'port.fix': '请在“规划”步骤换一个端口，或停止占用端口 {port} 的程序。',
  'name.free': '名称可用',
  'name.exists': '已存在（{state}，镜像 {image}）',
  'name.exists.fix': '启动会被拒绝：请先用下方的“删除”按钮删除它，或将其改名。',
  'other.fail': '{detail}',
}

export type PreflightParams = Readonly<Record<string, string | number>>

function fill(template: string, params: PreflightParams): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (hole, name: string) => {
    const v = params[name]
    return v === undefined ? hole : String(v)
  })
}

/** One preflight text in both languages. */
export function preflightText(
  id: PreflightMessageId,
  params: PreflightParams = {},
): { en: string; zhCN: string } {
  return { en: fill(preflightEn[id], params), zhCN: fill(preflightZhCN[id], params) }
}

/** The reason id for a certificate failure code of cert-material (other codes: the core's text as it is). */
export function certFailureId(code: string): PreflightMessageId {
  const id = `certs.${code}`
  return id in preflightEn ? (id as PreflightMessageId) : 'other.fail'
}
