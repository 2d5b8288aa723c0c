import type { en } from './en.js';
import type { Translations } from './shape.js';

/** 简体中文. */
export const zhCN: Translations<typeof en> = {
  app: { name: 'Bulwark' },
  common: {
    actions: '操作', cancel: '取消', confirm: '确定', copied: '已复制到剪贴板', copy: '复制', create: '创建', created: '创建时间', delete: '删除',
    disable: '禁用', enable: '启用', empty: '暂无数据。', language: '语言', loadFailed: '页面加载失败', loading: '加载中…', next: '下一页', no: '否',
    noPermission: '您没有查看此内容的权限', page: '第 {{n}} 页', previous: '上一页', readOnly: '只读：您的权限策略允许查看、不允许修改这些设置。',
    retry: '重试', save: '保存', edit: '编辑', saved: '已保存', typeToConfirm: '请输入 {{name}} 以确认。', updated: '更新时间', yes: '是',
  },
  nav: {
    overview: '概览', identity: '身份管理', users: '用户', groups: '用户组', roles: '角色', policies: '权限策略', mfa: 'MFA 设备', passwordPolicy: '密码策略',
    securityPreference: '安全设置', keys: '密钥管理', kmsKeys: 'KMS 密钥', secrets: '凭据', audit: '操作审计', compliance: '合规',
    protection: '防护', sites: '站点与 WAF', attacks: '攻击日志', hostsGroup: '主机', hosts: '资产', security: '安全中心', events: '事件检索',
    alerts: '告警与规则', incidents: '事件调查', dashboard: '安全大屏',
  },
  shell: {
    signOut: '退出登录', setupMfa: '设置 MFA', mfaBound: '已为您的登录启用 MFA。', sessions: '我的会话', signedIn: '登录时间', browser: '浏览器',
    expires: '过期时间', current: '当前浏览器', revoke: '注销',
  },
  signin: {
    subtitle: '使用 RAM 用户登录控制台。', account: '账号', accountHelp: '账号 ID 或账号别名（bulwark dev 或 init 会打印）。', userName: '用户名',
    password: '密码', submit: '登录', stepPassword: '密码', stepMfa: 'MFA', stepPasswordChange: '新密码', expired: '会话已过期，请重新登录。',
    mfaPrompt: '请输入身份验证器应用中的 6 位验证码。', mfaCode: 'MFA 验证码', verify: '验证',
    bindPrompt: '您的账号要求启用 MFA。请用身份验证器应用扫描二维码（或输入密钥），然后输入连续两个验证码。', qrAlt: '身份验证器应用二维码',
    seed: '密钥：', code1: '第一个验证码', code2: '下一个验证码', bind: '绑定并继续',
    changePrompt: '继续之前，您必须设置新密码。', oldPassword: '当前密码', newPassword: '新密码', confirmPassword: '再次输入新密码', change: '修改密码',
    welcome: '欢迎，{{user}}',
  },
  validation: {
    required: '必填', userName: '1–64 个字符：字母、数字、. _ -', roleName: '1–64 个字符：字母、数字、. -', policyName: '1–128 个字符：字母、数字、-',
    sixDigits: '请输入 6 位数字', minLength: '至少 {{n}} 个字符', maxLength: '最多 {{n}} 个字符', mismatch: '两次输入的密码不一致', email: '请输入邮箱地址',
    range: '取值 {{min}} 到 {{max}}', cidr: '“{{value}}”不是 IP 地址或 CIDR 网段', alias: 'alias/ 后接字母、数字、: / _ -',
    secretName: '1–192 个字符：字母、数字、_ / + = . @ -', versionId: '1–64 个字符：字母、数字、_ . -',
  },
  errors: {
    Signin_InvalidCredentials: '账号、用户名或密码错误。', Signin_AccountLocked: '登录失败次数过多：该用户已被锁定一小时。请联系管理员或稍后再试。',
    Signin_NetworkNotAllowed: '安全设置不允许从您的网络登录。', Signin_PasswordExpired: '密码已过期，需要管理员重置。',
    Signin_Throttled: '该地址登录失败次数过多，请一分钟后再试。', Signin_InvalidMfaCode: 'MFA 验证码错误或已被使用。',
    Signin_StepNotExpected: '此登录步骤已结束，请重新开始。', Console_SessionExpired: '会话已过期，请重新登录。', Console_Unauthenticated: '请先登录。',
    Console_CsrfMismatch: '页面已过期，请刷新。', NoPermission: '您的权限策略不允许此操作。', Password_Reused: '该密码近期已使用过，请换一个。',
    InvalidParameter_PasswordPolicy: '密码不符合密码策略。', InvalidParameter: '参数值无效。', MissingParameter: '缺少必填参数。',
  },
  overview: {
    title: '概览', description: '账号中的资源与近期动态。', recentEvents: '近期审计事件', allEvents: '全部事件', noEvents: '暂无事件。',
    noAuditAccess: '您的权限策略不允许读取操作审计（actiontrail:LookupEvents）。',
    counts: { users: '用户', groups: '用户组', roles: '角色', policies: '自定义策略', keys: 'KMS 密钥', secrets: '凭据' },
  },
  users: {
    title: '用户', description: 'RAM 用户可登录控制台，或使用 AccessKey 调用 API。', create: '创建用户', empty: '暂无用户。请为每个人或应用创建一个用户。',
    userName: '用户名', displayName: '显示名称', email: '邮箱', comments: '备注', id: '用户 ID', lastLogin: '最后登录', neverSignedIn: '从未登录',
    consoleAccess: '允许登录控制台（设置密码）', addToGroup: '加入用户组', removeFromGroup: '移除', removeFromGroupConfirm: '从用户组 {{group}} 中移除？',
    noGroups: '未加入任何用户组。', deleteTitle: '删除用户', editTitle: '编辑用户', deleteWarning: '用户必须已无 AccessKey、用户组、权限策略和 MFA 设备。',
    tabs: { details: '基本信息', login: '控制台访问', groups: '用户组', policies: '权限', accessKeys: 'AccessKey', mfa: 'MFA' },
  },
  loginProfile: {
    none: '该用户不能登录控制台。', create: '开启控制台登录', update: '修改控制台访问', delete: '关闭控制台登录',
    deleteConfirm: '该用户将无法再登录控制台，是否继续？', password: '密码', keepPassword: '留空则保留当前密码。',
    resetRequired: '下次登录时必须重置密码', mfaRequired: '下次登录时必须绑定 MFA',
  },
  accessKeys: {
    create: '创建 AccessKey', empty: '暂无 AccessKey。请为调用 API 的程序创建一个。', id: 'AccessKey ID', secret: 'AccessKey Secret', status: '状态', lastUsed: '最后使用',
    never: '从未使用', deleteConfirm: '使用此 AccessKey 的程序将无法工作，确定删除？', createdTitle: 'AccessKey 已创建', savedIt: '我已保存 Secret',
    onceWarning: 'Secret 仅在此时显示一次。请复制并妥善保存，之后无法再次查看。', statuses: { Active: '启用', Inactive: '禁用' },
  },
  groups: {
    title: '用户组', description: '一次为多个用户授予权限。', create: '创建用户组', empty: '暂无用户组。用户组让权限更易管理。', name: '用户组名称',
    comments: '备注', joined: '加入时间', members: '成员', noMembers: '暂无成员。请在用户页面添加。', deleteTitle: '删除用户组',
    deleteWarning: '用户组必须已无成员和权限策略。',
  },
  roles: {
    title: '角色', description2: '受信任的用户或服务通过 STS 扮演的身份。', description: '描述', create: '创建角色', empty: '暂无角色。',
    name: '角色名称', arn: 'ARN', maxSession: '最大会话时间', seconds: '{{n}} 秒', trustPolicy: '信任策略', editTrust: '编辑信任策略', deleteTitle: '删除角色',
    deleteWarning: '角色必须已无权限策略。',
  },
  policies: {
    title: '权限策略', pageDescription: '授予用户、用户组和角色的权限文档。', create: '创建权限策略', search: '按名称搜索',
    emptyCustom: '暂无自定义策略。创建一个，仅授予所需的权限。', name: '策略名称', type: '类型', description: '描述', attachments: '引用次数',
    types: { All: '全部', System: '系统策略', Custom: '自定义策略' }, document: '策略内容', valid: '策略内容有效。', invalidAt: '{{path}}：{{message}}',
    versions: '版本', version: '版本', default: '默认', view: '查看', setDefault: '设为默认', newVersion: '新建版本', setAsDefault: '设为默认版本',
    deleteVersionConfirm: '删除版本 {{version}}？', documentOf: '{{version}} 的内容', whoHasIt: '引用记录', nobody: '未被任何身份引用。',
    principalType: '类别', principalName: '名称', principal: { user: '用户', group: '用户组', role: '角色' }, deleteTitle: '删除权限策略',
    deleteWarning: '将先解除所有引用，再删除该策略。', attach: '添加权限', attachTitle: '为 {{name}} 添加权限', policy: '权限策略',
    noneAttached: '未授予任何权限：该身份暂时什么都不能做。', detach: '移除', detachConfirm: '移除 {{name}}？',
  },
  mfa: {
    title: 'MFA 设备', description: '账号中的虚拟 MFA 设备及其绑定的用户。', empty: '暂无 MFA 设备。用户会在登录时绑定。',
    serial: '序列号', user: '用户', unbound: '未绑定', activated: '启用时间', deleteConfirm: '删除这个未绑定的设备？', noneBound: '未绑定 MFA 设备。',
    unbind: '解绑', unbindConfirm: '用户需要重新绑定设备，确定解绑？',
  },
  passwordPolicy: {
    title: '密码策略', description: 'RAM 用户控制台密码的规则。',
    fields: {
      MinimumPasswordLength: '最小长度', MaxPasswordAge: '密码有效期（天）', PasswordReusePrevention: '历史密码检查',
      MaxLoginAttemps: '锁定一小时前允许的登录失败次数', RequireLowercaseCharacters: '必须包含小写字母', RequireUppercaseCharacters: '必须包含大写字母',
      RequireNumbers: '必须包含数字', RequireSymbols: '必须包含符号', HardExpiry: '密码过期后禁止登录（需管理员重置）',
    },
    help: {
      MinimumPasswordLength: '8 到 32 个字符。', MaxPasswordAge: '0 表示永不过期。', PasswordReusePrevention: '0 表示允许重复使用旧密码。',
      MaxLoginAttemps: '0 表示从不锁定。',
    },
  },
  security: {
    title: '安全设置', description: 'RAM 用户的登录方式，以及可自行管理的内容。', hours: '小时',
    masksPlaceholder: '例如 10.0.0.0/8;192.0.2.0/24', help: { LoginNetworkMasks: '仅允许从这些地址或 CIDR 网段（以 ; 分隔）登录控制台。留空则不限制。' },
    fields: {
      LoginNetworkMasks: '登录掩码', LoginSessionDuration: '控制台会话时长', EnforceMFAForLogin: '所有用户必须使用 MFA 登录',
      AllowUserToChangePassword: '允许用户修改自己的密码', EnableSaveMFATicket: '7 天内记住 MFA', AllowUserToManageAccessKeys: '允许用户管理自己的 AccessKey',
      AllowUserToManageMFADevices: '允许用户管理自己的 MFA 设备',
    },
  },
  kms: {
    title: 'KMS 密钥', pageDescription: '用于信封加密、签名和凭据的密钥；密钥材料从不离开密钥环。', createKey: '创建密钥',
    empty: '暂无密钥。创建一个来加密数据或保护凭据。', keyId: '密钥 ID', state: '状态', spec: '密钥规格', usage: '密钥用途', description: '描述', arn: 'ARN',
    protection: '保护级别', automaticRotation: '自动轮转', rotationEvery: '每 {{interval}}', rotationOff: '关闭', primaryVersion: '主版本',
    deleteDate: '删除日期', aliases: '别名', alias: '别名', createAlias: '创建别名', aliasHelp: '例如 alias/app-data。', noAliases: '暂无别名。',
    deleteAliasConfirm: '删除 {{alias}}？', versions: '版本', versionId: '版本 ID', rotateNow: '立即轮转（新版本）', rotationPolicy: '轮转策略',
    rotationDays: '轮转周期', days: '天', daysN: '{{n}} 天', scheduleDeletion: '计划删除', cancelDeletion: '取消删除',
    cancelDeletionConfirm: '保留该密钥？它将回到禁用状态。', pendingWindow: '预删除周期',
    deletionWarning: '预删除周期结束后，密钥及其所有版本将被销毁，用它加密的数据将无法再解密。',
    states: { Enabled: '启用中', Disabled: '已禁用', PendingDeletion: '待删除', PendingImport: '待导入' },
    usages: { ENCRYPT_DECRYPT: '加密 / 解密', SIGN_VERIFY: '签名 / 验签' },
  },
  secrets: {
    title: '凭据', description: '使用 KMS 密钥加密并带版本的凭据和其他敏感值。', create: '创建凭据', empty: '暂无凭据。', name: '凭据名称',
    type: '类型', value: '凭据值', versionId: '版本 ID', encryptionKey: '加密密钥', encryptionKeyHelp: '密钥 ID 或别名；留空使用服务密钥。',
    versions: '版本', stages: '版本状态', stage: '版本状态', toVersion: '移动到版本', newVersion: '新建版本', moveStage: '移动版本状态', reveal: '查看',
    revealTitle: '查看 {{name}} 的值', revealWarning: '凭据值将显示在屏幕上，此次查看会记录在操作审计中。', active: '正常',
    pendingDeletion: '待删除', plannedDelete: '计划删除时间', restore: '恢复', scheduleDelete: '删除', deleteConfirm: '删除该凭据（30 天恢复期）？',
  },
  compliance: {
    title: '合规', description: '按合规框架评估本账号；没有自动化检查的要求需人工评估，不计为通过。',
    framework: '合规框架', download: '下载 HTML 报告', generated: '评估时间 {{time}}；{{total}} 项要求中 {{automated}} 项有自动化检查。',
    summary: { score: '得分', passed: '通过', failed: '未通过', manual: '人工评估', notApplicable: '不适用', coverage: '自动化覆盖率' },
    statuses: { passed: '通过', failed: '未通过', manual: '人工评估', not_applicable: '不适用' },
    requirements: '要求', findings: '发现项（{{n}}）', noFindings: '没有未通过的检查。', id: '编号', requirement: '要求', section: '章节', status: '状态',
    check: '检查项', severity: '严重性', outcome: '结果', counts: '通过 / 未通过 / 不适用', resource: '资源', message: '发现', requirementIds: '相关要求',
    remediation: '修复建议', cli: '命令行', terraform: 'Terraform 代码',
  },
  audit: {
    title: '操作审计', description: '每次登录与变更均被记录，并以哈希链防篡改。', user: '用户', action: '操作', actionPlaceholder: '例如 CreateUser',
    result: '结果', success: '成功', failure: '失败', time: '时间', search: '查询', empty: '没有匹配的事件。', type: '类型', source: '源 IP', eventId: '事件 ID',
    sequence: '序号', eventSource: '服务', requestId: '请求 ID', parameters: '请求参数', response: '响应',
    redactedNote: '密码、凭据和密钥在记录前已脱敏。', verifying: '正在校验哈希链…',
    chainOk: '哈希链完整：已校验 {{n}} 条记录。', chainBroken: '哈希链在第 {{seq}} 条记录处断开。',
  },
};
