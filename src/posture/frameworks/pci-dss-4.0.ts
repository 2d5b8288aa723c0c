import type { FrameworkInput } from './framework.js';

const R1 = '1. Install and maintain network security controls';
const R2 = '2. Apply secure configurations to all system components';
const R3 = '3. Protect stored account data';
const R4 = '4. Protect cardholder data with strong cryptography during transmission';
const R5 = '5. Protect all systems and networks from malicious software';
const R6 = '6. Develop and maintain secure systems and software';
const R7 = '7. Restrict access to system components and cardholder data by business need to know';
const R8 = '8. Identify users and authenticate access to system components';
const R9 = '9. Restrict physical access to cardholder data';
const R10 = '10. Log and monitor all access to system components and cardholder data';
const R11 = '11. Test security of systems and networks regularly';
const R12 = '12. Support information security with organizational policies and programs';

const PASSWORD = ['BWK-RAM-103', 'BWK-RAM-104', 'BWK-RAM-105', 'BWK-RAM-106'];

/**
 * PCI DSS v4.0: the sub-requirements of requirements 1–12 that concern a cloud account and its
 * workloads (summarised titles), with the automated checks that evidence them.
 */
export const PCI_DSS_4_0: FrameworkInput = {
  id: 'pci-dss-4.0',
  name: 'PCI DSS',
  version: '4.0',
  publisher: 'PCI Security Standards Council',
  description: 'Payment Card Industry Data Security Standard v4.0: technical and operational requirements protecting account data.',
  requirements: [
    { id: '1.2.1', section: R1, title: 'Configuration standards for network security control rulesets are defined, implemented and maintained', checks: [] },
    { id: '1.3.1', section: R1, title: 'Inbound traffic to the cardholder data environment is restricted to what is necessary', checks: ['BWK-ECS-001', 'BWK-ECS-002', 'BWK-ECS-003'] },
    { id: '1.3.2', section: R1, title: 'Outbound traffic from the cardholder data environment is restricted to what is necessary', checks: [] },
    { id: '1.4.1', section: R1, title: 'Network security controls are implemented between trusted and untrusted networks', checks: ['BWK-ECS-007', 'BWK-MONGODB-001'] },
    { id: '1.4.2', section: R1, title: 'Inbound traffic from untrusted networks to trusted networks is restricted', checks: ['BWK-ECS-002', 'BWK-RDS-001', 'BWK-MONGODB-003', 'BWK-ALB-002', 'BWK-SLB-001', 'BWK-OSS-007'] },
    { id: '2.2.1', section: R2, title: 'Configuration standards are developed, implemented and maintained for all system components', checks: ['BWK-HOST-101'] },
    { id: '2.2.2', section: R2, title: 'Vendor default accounts are managed (removed, disabled or their credentials changed)', checks: ['BWK-RAM-101'], note: 'The root identity is the platform default account; its AccessKey should not exist.' },
    { id: '2.2.5', section: R2, title: 'Insecure services, protocols and daemons are justified and secured', checks: ['BWK-WAF-101', 'BWK-SLB-002', 'BWK-ALB-001', 'BWK-APIGW-001'] },
    { id: '2.2.7', section: R2, title: 'All non-console administrative access is encrypted using strong cryptography', checks: [] },
    { id: '3.5.1', section: R3, title: 'Stored primary account numbers are rendered unreadable (strong cryptography)', checks: ['BWK-ECS-004', 'BWK-ECS-008', 'BWK-RDS-007', 'BWK-OSS-005', 'BWK-NAS-001', 'BWK-MONGODB-004'] },
    { id: '3.6.1', section: R3, title: 'Procedures protect cryptographic keys used for stored account data against disclosure and misuse', checks: ['BWK-KMS-102', 'BWK-KMS-002'] },
    { id: '3.7.4', section: R3, title: 'Cryptographic keys are changed at the end of their defined cryptoperiod', checks: ['BWK-KMS-101', 'BWK-KMS-001'] },
    { id: '4.2.1', section: R4, title: 'Strong cryptography protects account data during transmission over open, public networks', checks: ['BWK-WAF-101', 'BWK-SLB-002', 'BWK-SLB-003', 'BWK-SLB-004', 'BWK-ALB-001', 'BWK-APIGW-001', 'BWK-RDS-006', 'BWK-MONGODB-002', 'BWK-OSS-013'] },
    { id: '5.2.1', section: R5, title: 'An anti-malware solution is deployed on all system components', checks: [] },
    { id: '5.3.4', section: R5, title: 'Audit logs of the anti-malware solution are enabled and retained', checks: [] },
    { id: '6.3.3', section: R6, title: 'System components are protected from known vulnerabilities by installing patches (critical ones within a month)', checks: ['BWK-HOST-102', 'BWK-RDS-009'] },
    { id: '6.4.1', section: R6, title: 'Public-facing web applications are protected against attacks on an ongoing basis', checks: ['BWK-WAF-102', 'BWK-WAF-103'] },
    { id: '6.4.2', section: R6, title: 'An automated technical solution detects and prevents web-based attacks in front of public-facing web applications', checks: ['BWK-WAF-102'] },
    { id: '7.2.1', section: R7, title: 'An access control model is defined and grants access by business need', checks: [] },
    { id: '7.2.2', section: R7, title: 'Access is assigned by job classification with the least privileges necessary', checks: ['BWK-RAM-114', 'BWK-RAM-116', 'BWK-RAM-113', 'BWK-RAM-010', 'BWK-RAM-011', 'BWK-RAM-014'] },
    { id: '7.2.4', section: R7, title: 'User accounts and access privileges are reviewed at least every six months', checks: ['BWK-RAM-117'], note: 'Partial: dormant console access is found automatically; the review itself is manual.' },
    { id: '7.2.5', section: R7, title: 'Application and system accounts are assigned only the privileges they need', checks: ['BWK-RAM-115', 'BWK-RAM-012'] },
    { id: '8.2.1', section: R8, title: 'All users are assigned a unique ID before access is allowed', checks: [] },
    { id: '8.2.2', section: R8, title: 'Group, shared or generic accounts are used only when necessary', checks: ['BWK-RAM-101'], note: 'The root AccessKey is a shared credential by nature.' },
    { id: '8.2.6', section: R8, title: 'Inactive user accounts are removed or disabled within 90 days', checks: ['BWK-RAM-117', 'BWK-RAM-112'] },
    { id: '8.3.4', section: R8, title: 'Invalid authentication attempts are limited (lock-out after at most 10 attempts)', checks: ['BWK-RAM-110', 'BWK-RAM-008'] },
    { id: '8.3.6', section: R8, title: 'Passwords are at least 12 characters and contain numbers and letters', checks: [...PASSWORD, 'BWK-RAM-001', 'BWK-RAM-002', 'BWK-RAM-004', 'BWK-RAM-005'] },
    { id: '8.3.7', section: R8, title: 'A new password differs from the last four used', checks: ['BWK-RAM-109', 'BWK-RAM-007'] },
    { id: '8.3.9', section: R8, title: 'Passwords used as the only factor are changed at least every 90 days', checks: ['BWK-RAM-108', 'BWK-RAM-006'] },
    { id: '8.4.2', section: R8, title: 'Multi-factor authentication is implemented for all access into the cardholder data environment', checks: ['BWK-RAM-102', 'BWK-RAM-118', 'BWK-RAM-009', 'BWK-RAM-013'] },
    { id: '8.6.3', section: R8, title: 'Passwords and passphrases of application and system accounts are protected and changed periodically', checks: ['BWK-RAM-111'] },
    { id: '9.4.1', section: R9, title: 'All media with cardholder data is physically secured', checks: [] },
    { id: '10.2.1', section: R10, title: 'Audit logs are enabled and active for all system components and cardholder data', checks: ['BWK-ACTIONTRAIL-001', 'BWK-ACTIONTRAIL-002', 'BWK-ACTIONTRAIL-004', 'BWK-RDS-005', 'BWK-OSS-009', 'BWK-VPC-001', 'BWK-ACK-004'] },
    { id: '10.3.3', section: R10, title: 'Audit log files are promptly backed up to a secure, central store that is hard to alter', checks: ['BWK-ACTIONTRAIL-003'] },
    { id: '10.4.1', section: R10, title: 'Security events and critical system logs are reviewed at least once daily', checks: ['BWK-SOC-101'] },
    { id: '10.5.1', section: R10, title: 'Audit log history is retained for at least 12 months, three months immediately available', checks: [] },
    { id: '10.7.2', section: R10, title: 'Failures of critical security control systems are detected, alerted and addressed promptly', checks: [] },
    { id: '11.3.1', section: R11, title: 'Internal vulnerability scans run at least every three months; high-risk and critical findings are resolved', checks: ['BWK-HOST-102'] },
    { id: '11.4.1', section: R11, title: 'A penetration testing methodology is defined and tests are performed', checks: [] },
    { id: '11.5.1', section: R11, title: 'Intrusion-detection and/or intrusion-prevention techniques detect and prevent intrusions', checks: ['BWK-SOC-101', 'BWK-WAF-102'] },
    { id: '11.6.1', section: R11, title: 'A change- and tamper-detection mechanism alerts on unauthorised changes to payment pages', checks: [] },
    { id: '12.1.1', section: R12, title: 'An overall information security policy is established, published, maintained and disseminated', checks: [] },
    { id: '12.3.1', section: R12, title: 'Targeted risk analyses support requirements with flexible frequencies', checks: [] },
    { id: '12.5.1', section: R12, title: 'An inventory of in-scope system components is maintained', checks: [] },
    { id: '12.6.1', section: R12, title: 'A formal security awareness program makes all personnel aware of security policies', checks: [] },
    { id: '12.8.1', section: R12, title: 'A list of third-party service providers with which account data is shared is maintained', checks: [] },
    { id: '12.10.1', section: R12, title: 'An incident response plan exists and is ready to be activated', checks: [] },
  ],
};
