import type { SkillSeed } from "./types";

/** The skills the demo academy's missions exercise (keys are referenced by missions and recipes). */
export const skills: SkillSeed[] = [
  // ── Offense ──────────────────────────────────────────────────────────────────────────────
  {
    key: "osint",
    name: "OSINT & Passive Recon",
    category: "Offense",
    description: "Building a picture of an organisation from public sources (certificate transparency, DNS, websites, metadata) without touching its systems.",
  },
  {
    key: "network-recon",
    name: "Network Reconnaissance",
    category: "Offense",
    description: "Discovering hosts and services with tools such as nmap, choosing scan techniques that fit the network and the rules of engagement.",
  },
  {
    key: "web-app-testing",
    name: "Web Application Testing",
    category: "Offense",
    description: "Finding and proving web and API vulnerabilities (access control, injection, authentication, SSRF) with an intercepting proxy and the OWASP testing guide.",
  },
  {
    key: "privilege-escalation",
    name: "Privilege Escalation",
    category: "Offense",
    description: "Turning a low-privileged foothold into administrative access through misconfigurations, weak permissions and exposed credentials.",
  },
  // ── Defense ──────────────────────────────────────────────────────────────────────────────
  {
    key: "log-analysis",
    name: "Log Analysis",
    category: "Defense",
    description: "Reading authentication, endpoint, web and cloud audit logs at scale to answer precise questions with reproducible numbers.",
  },
  {
    key: "packet-analysis",
    name: "Packet & Network Traffic Analysis",
    category: "Defense",
    description: "Investigating captures and flow data with Wireshark and Zeek: protocols, timing, payloads and indicators.",
  },
  {
    key: "threat-hunting",
    name: "Threat Hunting",
    category: "Defense",
    description: "Proactively searching for adversary behaviour from hypotheses, mapping it to MITRE ATT&CK and stacking fleet data to find the rare and the odd.",
  },
  {
    key: "detection-engineering",
    name: "Detection Engineering",
    category: "Defense",
    description: "Writing, testing and tuning behaviour-based detections (Sigma, YARA, SIEM queries) that stay useful after the indicators change.",
  },
  {
    key: "incident-response",
    name: "Incident Response",
    category: "Defense",
    description: "Scoping, containing, eradicating and recovering from security incidents while preserving evidence and keeping the business running.",
  },
  {
    key: "malware-triage",
    name: "Malware Triage",
    category: "Defense",
    description: "Safely characterising suspicious files and scripts with static analysis and memory forensics: what they do, how they persist, how to detect them.",
  },
  // ── Engineering ──────────────────────────────────────────────────────────────────────────
  {
    key: "secure-coding",
    name: "Secure Coding",
    category: "Engineering",
    description: "Fixing vulnerabilities at the source (parameterised queries, server-side authorisation, safe URL fetching) and proving the fix with tests.",
  },
  {
    key: "linux-hardening",
    name: "Linux Hardening",
    category: "Engineering",
    description: "Configuring Linux hosts to resist abuse: sudo rules, file permissions, scheduled jobs, services and auditing, guided by CIS Benchmarks.",
  },
  {
    key: "cloud-security",
    name: "Cloud Security",
    category: "Engineering",
    description: "Securing AWS accounts and services: storage exposure, posture management, logging, guardrails and cloud incident handling.",
  },
  {
    key: "identity-access",
    name: "Identity & Access Management",
    category: "Engineering",
    description: "Designing least-privilege access: IAM policies and roles, permission boundaries, session revocation and organisation-wide guardrails.",
  },
  {
    key: "infrastructure-as-code",
    name: "Infrastructure as Code Security",
    category: "Engineering",
    description: "Building infrastructure with Terraform and keeping it safe with scanners, custom policies and CI gates.",
  },
  {
    key: "cryptography",
    name: "Applied Cryptography",
    category: "Engineering",
    description: "Using cryptography correctly in systems: key management, token signing, integrity of logs and data, and spotting weak secrets.",
  },
  {
    key: "threat-modeling",
    name: "Threat Modelling",
    category: "Engineering",
    description: "Finding what can go wrong in a system before attackers do (STRIDE, attack trees) and tying each threat to a control.",
  },
  // ── Communication ────────────────────────────────────────────────────────────────────────
  {
    key: "reporting",
    name: "Security Reporting",
    category: "Communication",
    description: "Writing findings, incident reports and executive briefings that are accurate, reproducible and lead to decisions.",
  },
];
