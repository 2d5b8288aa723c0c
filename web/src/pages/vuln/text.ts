/** Text of the vulnerability feeds page (top-level key `vuln`), English and Simplified Chinese. */
export const vulnText = {
  en: {
    vuln: {
      title: 'Vulnerability feeds',
      description: 'Advisory feeds (OSV, Debian Security Tracker) hosts are matched against. Importing a feed re-matches every host from its latest inventory.',
      import: {
        title: 'Import a feed',
        intro: 'Choose an OSV JSON file (one record or an array) or the Debian Security Tracker JSON (security-tracker.debian.org/tracker/data/json). Up to 256 MB; feeds are stored in your account only.',
        format: 'Format',
        formats: { auto: 'Detect', osv: 'OSV', debian: 'Debian tracker' },
        drop: 'Click or drop a JSON file here',
        reading: 'Reading {{name}}…',
        importing: 'Importing {{name}} ({{format}})…',
        tooLarge: 'The file is larger than 256 MB, the most the server takes. Import it with the CLI: bulwark vuln feeds import.',
        empty: 'The file is empty.',
        notJson: 'The file is not JSON: {{detail}}',
        done: 'Imported {{source}}',
        noWrite: 'Your policies do not allow importing feeds (bulwark:ImportVulnerabilityFeed).',
      },
      result: {
        advisories: 'Advisories', ranges: 'Affected ranges', notAffected: 'Not affected', skipped: 'Skipped', hosts: 'Hosts re-matched', opened: 'Findings opened', resolved: 'Findings resolved',
      },
      feeds: {
        title: 'Imported feeds',
        empty: 'No feed imported yet. Import an OSV or Debian tracker file above (or run bulwark vuln feeds import on the server) so hosts can be matched.',
        source: 'Source', format: 'Format', advisories: 'Advisories', ranges: 'Ranges', notAffected: 'Not affected', skipped: 'Skipped', importedBy: 'Imported by', importedAt: 'Imported',
      },
      hosts: {
        title: 'Hosts with open vulnerabilities',
        empty: 'No host has an open vulnerability.',
        host: 'Host', critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', total: 'Total',
        allHosts: 'All hosts',
      },
    },
  },
  'zh-CN': {
    vuln: {
      title: '漏洞情报源',
      description: '用于匹配主机漏洞的安全公告源（OSV、Debian 安全追踪器）。导入情报源后，会根据每台主机最新的资产清单重新匹配。',
      import: {
        title: '导入情报源',
        intro: '选择 OSV JSON 文件（单条记录或数组），或 Debian 安全追踪器 JSON（security-tracker.debian.org/tracker/data/json）。最大 256 MB；情报源仅存储在您的账号中。',
        format: '格式',
        formats: { auto: '自动识别', osv: 'OSV', debian: 'Debian 追踪器' },
        drop: '点击或拖入 JSON 文件',
        reading: '正在读取 {{name}}…',
        importing: '正在导入 {{name}}（{{format}}）…',
        tooLarge: '文件超过服务端上限 256 MB。请使用命令行导入：bulwark vuln feeds import。',
        empty: '文件为空。',
        notJson: '文件不是 JSON：{{detail}}',
        done: '已导入 {{source}}',
        noWrite: '您的权限策略不允许导入情报源（bulwark:ImportVulnerabilityFeed）。',
      },
      result: {
        advisories: '安全公告', ranges: '受影响版本范围', notAffected: '不受影响', skipped: '已跳过', hosts: '重新匹配的主机', opened: '新增漏洞', resolved: '已修复漏洞',
      },
      feeds: {
        title: '已导入的情报源',
        empty: '尚未导入情报源。请在上方导入 OSV 或 Debian 追踪器文件（或在服务器上运行 bulwark vuln feeds import），以便匹配主机漏洞。',
        source: '来源', format: '格式', advisories: '安全公告', ranges: '版本范围', notAffected: '不受影响', skipped: '已跳过', importedBy: '导入人', importedAt: '导入时间',
      },
      hosts: {
        title: '存在未修复漏洞的主机',
        empty: '没有主机存在未修复的漏洞。',
        host: '主机', critical: '严重', high: '高危', medium: '中危', low: '低危', total: '合计',
        allHosts: '全部主机',
      },
    },
  },
};
