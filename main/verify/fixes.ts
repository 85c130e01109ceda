import type { ErrorExplanation } from '../diagnostics'

/**
 * Verify's own findings about certificate chains (enterprise intermediate CAs), explained like the diagnostics
 * table does: a title, what it means and the fix, in both languages. Consulted before the shared table.
 * Every CLI option or command named here exists (tests/verify/hint-options.test.ts).
 */
export const VERIFY_FIXES: Readonly<Record<string, ErrorExplanation>> = {
  INTERMEDIATE_MISSING: {
    code: 'INTERMEDIATE_MISSING',
    step: 'registry',
    en: {
      title: 'The registry does not serve the intermediate CA',
      explanation:
        'The server certificate was issued by an intermediate CA under the root clients trust. Clients hold only the root, so the registry must send the intermediate with its own certificate; it sends its certificate alone.',
      fix: 'Make domain.crt hold the server certificate followed by the intermediate CA certificate(s) (cat server.crt intermediate.crt > domain.crt), then replace it in the Registry step (registry-wizard registry replace-cert --certs DIR). Clients keep trusting the root ca.crt only.',
    },
    zhCN: {
      title: '仓库没有提供中间 CA 证书',
      explanation:
        '服务器证书由客户端所信任根 CA 之下的中间 CA 签发。客户端只有根证书，所以仓库必须把中间证书和自己的证书一起发送；而它只发送了自己的证书。',
      fix: '让 domain.crt 依次包含服务器证书和中间 CA 证书（cat server.crt intermediate.crt > domain.crt），然后在“仓库”步骤中替换证书（registry-wizard registry replace-cert --certs 目录）。客户端仍然只信任根证书 ca.crt。',
    },
  },
  SERVED_LEAF_ONLY: {
    code: 'SERVED_LEAF_ONLY',
    step: 'certificates',
    en: {
      title: 'The served certificate does not chain to this CA',
      explanation:
        'The registry sends only its own certificate, and this CA did not issue it: either it comes from an intermediate CA the registry does not send, or from another CA.',
      fix: 'If the certificate was issued by an intermediate CA under this root, make domain.crt hold the server certificate followed by the intermediates and replace it in the Registry step (registry-wizard registry replace-cert --certs DIR); give verify the issued domain.crt (--cert) to have the missing intermediate named. Otherwise give the ca.crt that issued it, or redo the Certificates step.',
    },
    zhCN: {
      title: '仓库提供的证书无法链接到此 CA',
      explanation:
        '仓库只发送了它自己的证书，而此 CA 并未签发它：要么它来自仓库没有发送的中间 CA，要么来自其他 CA。',
      fix: '如果证书由此根 CA 下的中间 CA 签发，请让 domain.crt 依次包含服务器证书和中间证书，并在“仓库”步骤中替换（registry-wizard registry replace-cert --certs 目录）；给 verify 指定签发的 domain.crt（--cert）即可指出缺少的中间证书。否则请提供签发它的 ca.crt，或重新执行“证书”步骤。',
    },
  },
  INTERMEDIATE_INVALID: {
    code: 'INTERMEDIATE_INVALID',
    step: 'certificates',
    en: {
      title: 'An intermediate CA in the chain cannot be used',
      explanation:
        'A certificate between the server certificate and the root has expired, is not valid yet, or is not a CA (CA:TRUE): every client refuses the chain.',
      fix: 'Get a valid intermediate CA certificate from whoever runs the company CA, issue the server certificate from it again in the Certificates step (domain.crt: server certificate, then intermediates), and replace it in the Registry step.',
    },
    zhCN: {
      title: '证书链中的中间 CA 无法使用',
      explanation:
        '服务器证书与根证书之间的某张证书已过期、尚未生效，或不是 CA（缺少 CA:TRUE）：所有客户端都会拒绝这条证书链。',
      fix: '向管理公司 CA 的人员获取有效的中间 CA 证书，在“证书”步骤中用它重新签发服务器证书（domain.crt：服务器证书在前，中间证书在后），然后在“仓库”步骤中替换。',
    },
  },
  INTERMEDIATE_EXPIRING: {
    code: 'INTERMEDIATE_EXPIRING',
    step: 'certificates',
    en: {
      title: 'An intermediate CA expires soon',
      explanation:
        'Fewer than 30 days are left on an intermediate CA of the chain; after that every push and pull fails.',
      fix: 'Get the renewed intermediate CA certificate from whoever runs the company CA, put it after the server certificate in domain.crt, and replace it in the Registry step.',
    },
    zhCN: {
      title: '中间 CA 即将过期',
      explanation: '证书链中某个中间 CA 剩余不到 30 天；过期后所有推送和拉取都会失败。',
      fix: '向管理公司 CA 的人员获取续期后的中间 CA 证书，把它放在 domain.crt 中服务器证书之后，然后在“仓库”步骤中替换。',
    },
  },
}

/** The explanation of one of verify's own codes, with {registry}/{host}/{port} left to the caller. */
export function verifyFix(code: string | undefined): ErrorExplanation | undefined {
  return code === undefined ? undefined : VERIFY_FIXES[code]
}
