import type { Texts } from '../types'
import type { jobsErrors as enErrors, jobsProgress as enProgress } from '../en/jobs'

export const jobsErrors = {
  JOB_RUNNING: {
    message: '任务 {{jobId}} 已在运行。',
    hint: '请等待它完成或先取消它，然后再重新开始。',
  },
  JOB_ROLLBACK_FAILED: {
    message: '任务失败（{{failure}}），撤销步骤“{{step}}”时也失败了：{{reason}}',
    hint: '请手动检查该步骤：它所做的更改可能仍然存在。',
  },
} as const satisfies Texts<typeof enErrors>

export const jobsProgress = {
  jobs: {
    done: '完成',
    rollback: '正在撤销已完成的步骤',
  },
  replaceCert: {
    prepare: '正在读取当前使用的证书',
    issue: '正在签发新证书',
    swap: '正在换上新证书',
    health: '正在检查健康状态',
  },
} as const satisfies Texts<typeof enProgress>
