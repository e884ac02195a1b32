/**
 * The onboarding self-assessment: ten statements rated 0–4. The profiler score (0–100) is the
 * weighted mean rating scaled to 100; it maps to a level with PRODUCT.md's bands (levelForScore).
 */
export interface ProfilerQuestion {
  id: string;
  prompt: string;
  weight: number;
}

export const PROFILER_SCALE = [
  { value: 0, label: "Never done it" },
  { value: 1, label: "Read about it" },
  { value: 2, label: "Done it with guidance" },
  { value: 3, label: "Done it on my own" },
  { value: 4, label: "Could teach it" },
] as const;

export const PROFILER_QUESTIONS: ProfilerQuestion[] = [
  { id: "linux", prompt: "Work in a Linux shell: navigate, search files, read permissions, pipe commands.", weight: 1 },
  { id: "networking", prompt: "Explain TCP/IP, DNS and HTTP, and read a packet capture in Wireshark.", weight: 1 },
  { id: "scripting", prompt: "Write a small script (Python, Bash or PowerShell) to automate a task.", weight: 1 },
  { id: "logs", prompt: "Investigate authentication or web server logs to find suspicious activity.", weight: 1.5 },
  { id: "web", prompt: "Find and explain a web vulnerability such as SQL injection or broken access control.", weight: 1.5 },
  { id: "recon", prompt: "Scan a network with nmap and interpret what the results mean.", weight: 1 },
  { id: "detection", prompt: "Write a detection rule (Sigma, YARA or a SIEM query) and test it.", weight: 1.5 },
  { id: "cloud", prompt: "Review a cloud account's IAM policies and storage permissions.", weight: 1.5 },
  { id: "incident", prompt: "Lead the response to a security incident from triage to report.", weight: 2 },
  { id: "reporting", prompt: "Write a findings report that a technical lead and a manager both understand.", weight: 1 },
];

export type ProfilerAnswers = Record<string, number>;

export function profilerScore(answers: ProfilerAnswers): number {
  let weighted = 0;
  let total = 0;
  for (const question of PROFILER_QUESTIONS) {
    const value = Math.max(0, Math.min(4, Math.round(answers[question.id] ?? 0)));
    weighted += (value / 4) * question.weight;
    total += question.weight;
  }
  return Math.round((weighted / total) * 100);
}
