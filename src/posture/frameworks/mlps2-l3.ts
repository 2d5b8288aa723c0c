import type { FrameworkInput } from './framework.js';

const NET = '8.1.2 Secure communication network (安全通信网络)';
const BOUNDARY = '8.1.3 Secure area boundary (安全区域边界)';
const ENV = '8.1.4 Secure computing environment (安全计算环境)';
const CENTER = '8.1.5 Security management center (安全管理中心)';
const PASSWORD = ['BWK-RAM-103', 'BWK-RAM-104', 'BWK-RAM-105', 'BWK-RAM-106', 'BWK-RAM-107', 'BWK-RAM-108', 'BWK-RAM-109'];

/**
 * MLPS 2.0 (等保 2.0) level 3, GB/T 22239-2019 general requirements: the technical clauses on identity
 * authentication, access control, security audit, intrusion prevention, malicious code prevention,
 * data integrity and confidentiality, and backup and recovery (English summaries, Chinese clause names).
 */
export const MLPS2_L3: FrameworkInput = {
  id: 'mlps2-l3',
  name: 'MLPS 2.0 Level 3 (GB/T 22239-2019)',
  version: '2019',
  publisher: 'SAMR / SAC (China)',
  description: 'Baseline for classified protection of cybersecurity (网络安全等级保护基本要求), level 3 general technical requirements.',
  requirements: [
    { id: '8.1.2.2 a)', section: NET, nameZh: '通信传输', title: 'Communication transmission: integrity of data in transit is ensured with check or cryptographic techniques', checks: ['BWK-WAF-101', 'BWK-SLB-002', 'BWK-SLB-003', 'BWK-SLB-004', 'BWK-ALB-001', 'BWK-APIGW-001', 'BWK-RDS-006', 'BWK-MONGODB-002', 'BWK-OSS-013'] },
    { id: '8.1.2.2 b)', section: NET, nameZh: '通信传输', title: 'Communication transmission: confidentiality of data in transit is ensured with cryptographic techniques', checks: ['BWK-WAF-101', 'BWK-SLB-002', 'BWK-SLB-003', 'BWK-SLB-004', 'BWK-ALB-001', 'BWK-APIGW-001', 'BWK-RDS-006', 'BWK-MONGODB-002', 'BWK-OSS-013'] },
    { id: '8.1.3.1 a)', section: BOUNDARY, nameZh: '边界防护', title: 'Boundary protection: cross-boundary access and data flows pass only through controlled interfaces', checks: ['BWK-ECS-001', 'BWK-ECS-003', 'BWK-ECS-007'] },
    { id: '8.1.3.2 a)', section: BOUNDARY, nameZh: '访问控制', title: 'Boundary access control: rules at the boundary deny by default and allow only permitted communication', checks: ['BWK-ECS-001', 'BWK-ECS-002', 'BWK-ECS-003', 'BWK-ALB-002'] },
    { id: '8.1.3.3 a)', section: BOUNDARY, nameZh: '入侵防范', title: 'Boundary intrusion prevention: network attacks initiated from outside are detected, prevented or limited at key nodes', checks: ['BWK-WAF-102', 'BWK-WAF-103'] },
    { id: '8.1.3.3 c)', section: BOUNDARY, nameZh: '入侵防范', title: 'Boundary intrusion prevention: network attacks are analysed, in particular new types of attack', checks: ['BWK-WAF-102'] },
    { id: '8.1.3.3 d)', section: BOUNDARY, nameZh: '入侵防范', title: 'Boundary intrusion prevention: attacks are recorded (source, type, target, time) and severe intrusions raise alarms', checks: ['BWK-SOC-101'] },
    { id: '8.1.3.4 a)', section: BOUNDARY, nameZh: '恶意代码和垃圾邮件防范', title: 'Malicious code is detected and removed at key network nodes, and the protection is kept up to date', checks: [] },
    { id: '8.1.3.5 a)', section: BOUNDARY, nameZh: '安全审计', title: 'Boundary security audit: audit at the boundary and important nodes covers every user and important security events', checks: ['BWK-VPC-001'] },
    { id: '8.1.4.1 a)', section: ENV, nameZh: '身份鉴别', title: 'Identity authentication: users are identified and authenticated; identities are unique; credentials are complex and changed periodically', checks: [...PASSWORD, 'BWK-RAM-001', 'BWK-RAM-002', 'BWK-RAM-003', 'BWK-RAM-004', 'BWK-RAM-005', 'BWK-RAM-006', 'BWK-RAM-007'] },
    { id: '8.1.4.1 b)', section: ENV, nameZh: '身份鉴别', title: 'Identity authentication: login failures are handled — sessions end, illegal login attempts are limited, idle connections time out', checks: ['BWK-RAM-110', 'BWK-RAM-008'] },
    { id: '8.1.4.1 c)', section: ENV, nameZh: '身份鉴别', title: 'Identity authentication: remote management protects authentication information from eavesdropping in transit', checks: ['BWK-WAF-101'] },
    { id: '8.1.4.1 d)', section: ENV, nameZh: '身份鉴别', title: 'Identity authentication: two or more authentication techniques are combined, at least one cryptographic', checks: ['BWK-RAM-102', 'BWK-RAM-118', 'BWK-RAM-009', 'BWK-RAM-013'] },
    { id: '8.1.4.2 a)', section: ENV, nameZh: '访问控制', title: 'Access control: accounts and permissions are assigned to logged-in users', checks: ['BWK-RAM-113', 'BWK-RAM-011'] },
    { id: '8.1.4.2 b)', section: ENV, nameZh: '访问控制', title: 'Access control: default accounts are renamed or removed, and their default passwords changed', checks: ['BWK-RAM-101'] },
    { id: '8.1.4.2 c)', section: ENV, nameZh: '访问控制', title: 'Access control: redundant and expired accounts are removed or disabled; shared accounts are avoided', checks: ['BWK-RAM-117', 'BWK-RAM-112', 'BWK-RAM-111'] },
    { id: '8.1.4.2 d)', section: ENV, nameZh: '访问控制', title: 'Access control: administrative users get the least privileges they need, with separation of privileges', checks: ['BWK-RAM-114', 'BWK-RAM-116', 'BWK-RAM-115', 'BWK-RAM-010', 'BWK-RAM-012', 'BWK-RAM-014'] },
    { id: '8.1.4.2 e)', section: ENV, nameZh: '访问控制', title: 'Access control: an authorised subject configures access control policies that govern access to objects', checks: [] },
    { id: '8.1.4.2 f)', section: ENV, nameZh: '访问控制', title: 'Access control: granularity reaches user or process level for subjects and file or table level for objects', checks: [] },
    { id: '8.1.4.2 g)', section: ENV, nameZh: '访问控制', title: 'Access control: security labels on important subjects and objects control access to important resources', checks: [] },
    { id: '8.1.4.3 a)', section: ENV, nameZh: '安全审计', title: 'Security audit: auditing is enabled, covers every user, and records important user behaviour and security events', checks: ['BWK-ACTIONTRAIL-001', 'BWK-ACTIONTRAIL-002', 'BWK-RDS-005', 'BWK-RDS-002', 'BWK-RDS-003', 'BWK-RDS-004', 'BWK-OSS-009', 'BWK-ACK-004'] },
    { id: '8.1.4.3 b)', section: ENV, nameZh: '安全审计', title: 'Security audit: records include date and time, user, event type, outcome and other relevant information', checks: [] },
    { id: '8.1.4.3 c)', section: ENV, nameZh: '安全审计', title: 'Security audit: audit records are protected and backed up against unexpected deletion, modification or overwriting', checks: ['BWK-ACTIONTRAIL-003', 'BWK-ACTIONTRAIL-004', 'BWK-SLS-001'] },
    { id: '8.1.4.3 d)', section: ENV, nameZh: '安全审计', title: 'Security audit: the audit process is protected against unauthorised interruption', checks: [] },
    { id: '8.1.4.4 a)', section: ENV, nameZh: '入侵防范', title: 'Intrusion prevention: only the components and applications that are needed are installed', checks: ['BWK-ACK-006'] },
    { id: '8.1.4.4 b)', section: ENV, nameZh: '入侵防范', title: 'Intrusion prevention: unneeded system services, default shares and high-risk ports are closed', checks: ['BWK-HOST-101', 'BWK-ECS-002', 'BWK-SLB-001'] },
    { id: '8.1.4.4 c)', section: ENV, nameZh: '入侵防范', title: 'Intrusion prevention: management terminals are restricted by access method or network address range', checks: ['BWK-ECS-002', 'BWK-SLB-001', 'BWK-ACK-003', 'BWK-RDS-001', 'BWK-MONGODB-003'] },
    { id: '8.1.4.4 d)', section: ENV, nameZh: '入侵防范', title: 'Intrusion prevention: data validity checks ensure input through human-machine or communication interfaces is as expected', checks: ['BWK-WAF-102'] },
    { id: '8.1.4.4 e)', section: ENV, nameZh: '入侵防范', title: 'Intrusion prevention: known vulnerabilities are found and patched promptly after testing', checks: ['BWK-HOST-102', 'BWK-RDS-009'] },
    { id: '8.1.4.4 f)', section: ENV, nameZh: '入侵防范', title: 'Intrusion prevention: intrusions into important nodes are detected and severe intrusions raise alarms', checks: ['BWK-SOC-101'] },
    { id: '8.1.4.5', section: ENV, nameZh: '恶意代码防范', title: 'Malicious code prevention: anti-malware or active-immunity trusted verification identifies and blocks intrusions and viruses', checks: [] },
    { id: '8.1.4.7 a)', section: ENV, nameZh: '数据完整性', title: 'Data integrity: check or cryptographic techniques ensure integrity of important data in transit', checks: ['BWK-WAF-101'] },
    { id: '8.1.4.7 b)', section: ENV, nameZh: '数据完整性', title: 'Data integrity: check or cryptographic techniques ensure integrity of important data in storage', checks: [] },
    { id: '8.1.4.8 a)', section: ENV, nameZh: '数据保密性', title: 'Data confidentiality: cryptographic techniques ensure confidentiality of important data in transit', checks: ['BWK-WAF-101'] },
    { id: '8.1.4.8 b)', section: ENV, nameZh: '数据保密性', title: 'Data confidentiality: cryptographic techniques ensure confidentiality of important data in storage', checks: ['BWK-KMS-101', 'BWK-KMS-102', 'BWK-ECS-004', 'BWK-ECS-005', 'BWK-ECS-006', 'BWK-ECS-008', 'BWK-NAS-001', 'BWK-NAS-002', 'BWK-OSS-005', 'BWK-RDS-007', 'BWK-MONGODB-004', 'BWK-KMS-001'] },
    { id: '8.1.4.9 a)', section: ENV, nameZh: '数据备份恢复', title: 'Backup and recovery: important data is backed up and can be restored locally', checks: ['BWK-RDS-008', 'BWK-OSS-012'] },
    { id: '8.1.4.9 b)', section: ENV, nameZh: '数据备份恢复', title: 'Backup and recovery: important data is backed up in real time to an off-site location', checks: [] },
    { id: '8.1.4.9 c)', section: ENV, nameZh: '数据备份恢复', title: 'Backup and recovery: important data processing systems have hot redundancy for high availability', checks: ['BWK-ACK-001'] },
    { id: '8.1.5.4 c)', section: CENTER, nameZh: '集中管控', title: 'Centralised control: audit data of network devices is collected and analysed centrally and kept as long as law requires (≥ 6 months)', checks: [] },
    { id: '8.1.5.4 f)', section: CENTER, nameZh: '集中管控', title: 'Centralised control: security events in the network are identified, alerted on and analysed', checks: ['BWK-SOC-101'] },
  ],
};
