import type { Texts } from '../types'
import type {
  jobsCli as enCli,
  jobsCliHints as enCliHints,
  jobsGui as enGui,
  jobsErrors as enErrors,
  jobsGuiHints as enGuiHints,
  jobsProgress as enProgress,
} from '../en/jobs'

export const jobsErrors = {
  JOB_RUNNING: {
    message: '任务 {{jobId}} 已在运行。',
    hint: '请等待它完成或先取消它，然后再重新开始。',
  },
  JOB_ROLLBACK_FAILED: {
    message: '任务失败（{{failure}}），撤销步骤“{{step}}”时也失败了：{{reason}}',
    hint: '请手动检查该步骤：它所做的更改可能仍然存在。',
  },
  REPLACE_IN_PLACE: {
    message:
      '新的证书和密钥已经在仓库正在使用的文件夹（{{certDir}}）中：被替换的旧证书已不存在，替换失败时将无法撤销。',
    hint: '请把新的证书和密钥放到另一个文件夹再从那里替换，或者由 CA 签发。',
  },
  REPLACE_NO_OLD_PAIR: {
    message: '无法读取“{{name}}”当前提供的证书，替换失败时将无法恢复它。',
    hint: '请检查容器及其证书存储是否完好，或者用新的证书和密钥重新启动仓库。',
  },
  REPLACE_SOURCE: {
    message: '请为新证书指定一个来源：已签发证书和密钥所在的文件夹，或用于签发的 CA。',
    hint: '地址、有效天数和口令只能与 CA 一起使用。',
  },
  REPLACE_OUT_SERVICE_ONLY: {
    message: '{{field}} 仅用于 Swarm 服务：容器会把新的证书和密钥写入它启动时使用的文件夹。',
    hint: '对容器请不要指定它；它的文件夹会被更新（旧文件保留为备份）。',
  },
} as const satisfies Texts<typeof enErrors>

export const jobsCliHints = {
  REPLACE_IN_PLACE:
    '请给 --certs 指定仓库正在使用的文件夹以外的目录（registry-wizard cert issue --out 新目录），或使用 --ca-dir：新的证书和密钥会签发到临时文件夹中。',
  REPLACE_SOURCE:
    '--certs 目录（已签发的证书和密钥）与 --ca-dir 目录（签发新证书）只能且必须指定一个；--ip、--dns、--days、--passphrase-file 和 --out 只能与 --ca-dir 一起使用。',
  REPLACE_OUT_SERVICE_ONLY: '请去掉 --out 再运行一次。',
} as const satisfies Texts<typeof enCliHints>

export const jobsGuiHints = {
  REPLACE_IN_PLACE: '请在“仓库”步骤中使用“替换证书”：它会把新的证书和密钥签发到临时文件夹中。',
} as const satisfies Texts<typeof enGuiHints>

export const jobsCli = {
  replaceCert: {
    caDir: '由此目录中的 CA 签发新的证书和密钥（代替 --certs）',
    ip: '与 --ca-dir 一起使用：新证书包含的 IP 地址（可重复；默认：当前使用的证书中的名称）',
    dns: '与 --ca-dir 一起使用：新证书包含的 DNS 名称（可重复）',
    days: '与 --ca-dir 一起使用：新证书的有效天数',
    passphraseFile: '与 --ca-dir 一起使用：存放 CA 私钥口令的文件',
    certs: '包含新的 domain.crt、domain.key 和同一个 ca.crt 的目录（不能是仓库正在使用的文件夹）',
    out: '与 --ca-dir 一起用于 Swarm 服务：新证书对生效后也写入此目录（旧文件保留为备份）',
  },
} as const satisfies Texts<typeof enCli>

export const jobsProgress = {
  jobs: {
    done: '完成',
    rollback: '正在撤销已完成的步骤',
  },
  replaceCert: {
    prepare: '正在读取当前使用的证书',
    issue: '正在签发新证书',
    check: '正在检查新证书',
    swap: '正在换上新证书',
    health: '正在检查健康状态',
    clients: '正在检查只信任上一个 CA 和信任两个 CA 的客户端各自看到的结果',
  },
} as const satisfies Texts<typeof enProgress>

export const jobsGui = {
  removedKeptIn: '容器已删除；存储的镜像已保留（{{data}}）。',
} as const satisfies Texts<typeof enGui>
